import type { Global } from '../../config/schema/global';
import { readSetting, settingString } from '../../signals/model-support';

// `global.model_catalog.embeddings.semantic` with `backend: openai_compatible`:
// the semantic embedding model is served over HTTP instead of installed.
// Read leniently, as upstream spellings vary:
//   backend          openai_compatible | openai-compatible | openai
//   base_url         (or endpoint, url)
//   model            (or model_id)
//   api_key_env      name of the variable holding a bearer key
//   target_dimension (or embedding_config.target_dimension)
//   timeout_ms

const SEMANTIC = ['model_catalog', 'embeddings', 'semantic'] as const;
const REMOTE_BACKENDS = new Set(['openai_compatible', 'openai-compatible', 'openai']);

export interface RemoteEmbeddingConfig {
  baseUrl: string;
  model: string;
  apiKeyEnv?: string;
  /** Keep the first N dimensions; absent keeps what the server returns. */
  dimension?: number;
  timeoutMs?: number;
}

export type RemoteEmbeddingSetting =
  | { kind: 'none' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'remote'; config: RemoteEmbeddingConfig };

const firstString = (global: Global | undefined, keys: readonly string[]) =>
  keys.map((key) => settingString(global, [...SEMANTIC, key])?.trim()).find(Boolean);

function positiveNumber(global: Global | undefined, paths: readonly string[][]) {
  for (const path of paths) {
    const value = readSetting(global, [...SEMANTIC, ...path]);
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  }
  return undefined;
}

/** Whether (and how) the semantic embedding model is a remote endpoint. */
export function readRemoteEmbeddingConfig(global: Global | undefined): RemoteEmbeddingSetting {
  const backend = settingString(global, [...SEMANTIC, 'backend'])
    ?.trim()
    .toLowerCase();
  if (!backend || !REMOTE_BACKENDS.has(backend)) return { kind: 'none' };
  const baseUrl = firstString(global, ['base_url', 'endpoint', 'url']);
  const model = firstString(global, ['model', 'model_id']);
  const missing = [!baseUrl && 'base_url', !model && 'model'].filter(Boolean);
  if (!baseUrl || !model)
    return {
      kind: 'invalid',
      reason: `embeddings.semantic uses backend ${backend} but sets no ${missing.join(' or ')}`,
    };
  const apiKeyEnv = firstString(global, ['api_key_env']);
  const dimension = positiveNumber(global, [
    ['target_dimension'],
    ['embedding_config', 'target_dimension'],
  ]);
  const timeoutMs = positiveNumber(global, [['timeout_ms']]);
  return {
    kind: 'remote',
    config: {
      baseUrl,
      model,
      ...(apiKeyEnv ? { apiKeyEnv } : {}),
      ...(dimension ? { dimension: Math.floor(dimension) } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
    },
  };
}
