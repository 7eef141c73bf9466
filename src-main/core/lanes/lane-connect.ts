import { createLogger } from '../logger';
import type { SecretStore } from '../secrets/secret-store';

const log = createLogger('lanes');
import type { HealthResult } from './http-exchange';
import type { LaneClient } from './lane-client';
import { createLaneClient } from './lane-client';
import { LaneError, isLaneError } from './lane-errors';
import type { Lane } from './lane-registry';

// Turns lanes into clients: the key comes from the SecretStore (a lane added
// here names its secret) or from the environment variable the policy names
// (`api_key_env`); it is never read from the policy itself.

export interface LaneConnectSettings {
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  secrets?: SecretStore;
  env?: Record<string, string | undefined>;
}

export const DEFAULT_CONNECT_SETTINGS = { connectTimeoutMs: 10_000, idleTimeoutMs: 120_000 };

/** A stored secret, or undefined when the store has none or cannot be read now (said in the log). */
async function storedSecret(
  secrets: SecretStore | undefined,
  name: string,
): Promise<string | undefined> {
  if (!secrets) return undefined;
  try {
    return await secrets.get(name);
  } catch (error) {
    log.warn({ secret: name, err: error }, 'a lane key cannot be read from the secret store');
    return undefined;
  }
}

export async function laneApiKey(
  lane: Lane,
  settings: Pick<LaneConnectSettings, 'secrets' | 'env'>,
): Promise<string | undefined> {
  if (lane.apiKeySecret) {
    const stored = await storedSecret(settings.secrets, lane.apiKeySecret);
    if (stored !== undefined) return stored;
  }
  if (lane.apiKeyEnv) {
    const fromStore = await storedSecret(settings.secrets, lane.apiKeyEnv);
    const value = fromStore ?? (settings.env ?? process.env)[lane.apiKeyEnv];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** A client per routable lane, keys resolved once; look-ups by lane id. */
export async function connectLanes(
  lanes: readonly Lane[],
  settings: LaneConnectSettings,
): Promise<(lane: Lane) => LaneClient> {
  const clients = new Map<string, LaneClient>();
  for (const lane of lanes) {
    if (lane.baseUrl === undefined) continue;
    const apiKey = await laneApiKey(lane, settings);
    if (apiKey === undefined && (lane.apiKeyEnv || lane.apiKeySecret)) {
      // Never send a request (and its text) to a keyed API without its key.
      clients.set(lane.id, keylessClient(lane));
      continue;
    }
    clients.set(
      lane.id,
      createLaneClient({
        apiFormat: lane.apiFormat,
        baseUrl: lane.baseUrl,
        connectTimeoutMs: settings.connectTimeoutMs,
        idleTimeoutMs: settings.idleTimeoutMs,
        ...(apiKey !== undefined ? { apiKey } : {}),
      }),
    );
  }
  return (lane) => {
    const client = clients.get(lane.id);
    if (!client) throw new Error(`lane ${lane.id} has no endpoint`);
    return client;
  };
}

export interface LaneCheck {
  lane_id: string;
  ok: boolean;
  latency_ms: number;
  /** The server lists the model id this lane sends. */
  serves_model?: boolean;
  models?: string[];
  code?: string;
  error?: string;
}

/**
 * `/health`, then `/v1/models`. Servers without `/health` (Ollama, LM Studio,
 * cloud APIs) answer 404 there; for them the model list is the health check.
 */
export async function checkLane(
  lane: Lane,
  client: LaneClient,
  signal?: AbortSignal,
): Promise<LaneCheck> {
  const options = signal ? { signal } : {};
  const started = performance.now();
  const health: HealthResult = await client.health(options);
  if (!health.ok && health.status !== 404) {
    return {
      lane_id: lane.id,
      ok: false,
      latency_ms: health.latencyMs,
      ...(health.error ? { code: health.error.code, error: health.error.message } : {}),
    };
  }
  try {
    const models = await client.listModels(options);
    return {
      lane_id: lane.id,
      ok: true,
      latency_ms: Math.round(performance.now() - started),
      models,
      serves_model: models.includes(lane.upstreamModelId),
    };
  } catch (error) {
    const laneError = error as { code?: string; message?: string };
    return {
      lane_id: lane.id,
      ok: false,
      latency_ms: Math.round(performance.now() - started),
      ...(laneError.code ? { code: laneError.code } : {}),
      error: laneError.message ?? String(error),
    };
  }
}

/** The health monitor's probe for a lane: `/health`, or the model list where there is none. */
export async function probeLaneHealth(
  client: LaneClient,
  signal: AbortSignal,
): Promise<HealthResult> {
  const health = await client.health({ signal });
  if (health.ok || health.status !== 404) return health;
  const started = performance.now();
  try {
    await client.listModels({ signal });
    return { ok: true, latencyMs: Math.round(performance.now() - started), status: 200 };
  } catch (error) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      ...(isLaneError(error) ? { error } : {}),
    };
  }
}

/** A lane whose key is missing: every call fails at once, before anything is sent. */
function keylessClient(lane: Lane): LaneClient {
  const where = lane.apiKeySecret
    ? `the secret "${lane.apiKeySecret}" (homelane secrets set ${lane.apiKeySecret})`
    : `the environment variable ${lane.apiKeyEnv ?? ''} or a stored secret of that name`;
  const error = () =>
    new LaneError(
      'missing_key',
      `The lane ${lane.id} needs an API key; set ${where}. Nothing was sent.`,
    );
  return {
    chat: () => Promise.reject(error()),
    chatStream: () => ({
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error()) }),
    }),
    listModels: () => Promise.reject(error()),
    health: () => Promise.resolve({ ok: false, latencyMs: 0, error: error() }),
  };
}
