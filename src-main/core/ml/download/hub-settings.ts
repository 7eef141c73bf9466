import { APP_VERSION } from '../../version';

// Where models are downloaded from and how: the Hugging Face endpoint (or a
// mirror that speaks its API), an optional token, and the timeouts.

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

export interface HubSettings {
  /** Base URL without a trailing slash, e.g. https://huggingface.co */
  endpoint: string;
  token: string | undefined;
  /** Until the response headers arrive (connect, TLS, server think time). */
  connectTimeoutMs: number;
  /** Longest wait for the next chunk of a response body. */
  idleTimeoutMs: number;
}

export interface HubSettingsOptions {
  endpoint?: string | undefined;
  token?: string | undefined;
  env?: Record<string, string | undefined>;
  connectTimeoutMs?: number | undefined;
  idleTimeoutMs?: number | undefined;
}

export class HubEndpointError extends Error {
  constructor(readonly value: string) {
    super(`"${value}" is not a hub endpoint: give an http(s) URL such as ${DEFAULT_HUB_ENDPOINT}`);
    this.name = 'HubEndpointError';
  }
}

/** Validates an endpoint URL and drops trailing slashes. */
export function normalizeEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new HubEndpointError(value);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HubEndpointError(value);
  if (url.search || url.hash || url.username || url.password) throw new HubEndpointError(value);
  return url.href.replace(/\/+$/, '');
}

/** An explicit option wins over HF_ENDPOINT / HF_TOKEN, which win over the defaults. */
export function resolveHubSettings(options: HubSettingsOptions = {}): HubSettings {
  const env = options.env ?? process.env;
  const endpoint = options.endpoint ?? (env['HF_ENDPOINT'] || DEFAULT_HUB_ENDPOINT);
  const token = options.token ?? (env['HF_TOKEN']?.trim() || undefined);
  return {
    endpoint: normalizeEndpoint(endpoint),
    token,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
  };
}

/**
 * Request headers for the hub. fetch drops `Authorization` when a redirect
 * leaves the endpoint's origin, so the token never reaches a CDN.
 */
export function hubHeaders(
  hub: HubSettings,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'user-agent': `homelane/${APP_VERSION}`,
    ...(hub.token ? { authorization: `Bearer ${hub.token}` } : {}),
    ...extra,
  };
}
