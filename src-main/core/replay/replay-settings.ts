import type { RoutingTrace } from '../router/trace';

// The winning decision's `router_replay` plugin, with upstream's defaults for
// the fields it leaves out. Homelane keeps a record of every routed request
// unless the decision's plugin says `enabled: false`.

export interface ReplaySettings {
  enabled: boolean;
  maxRecords: number;
  captureRequestBody: boolean;
  captureResponseBody: boolean;
  maxBodyBytes: number;
}

export const REPLAY_DEFAULTS: ReplaySettings = {
  enabled: true,
  maxRecords: 10_000,
  captureRequestBody: true,
  captureResponseBody: true,
  maxBodyBytes: 4096,
};

const bool = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);
const positive = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;

export function replaySettings(trace: RoutingTrace): ReplaySettings {
  const plugin = trace.plugins.find((entry) => entry.type === 'router_replay');
  const config = plugin?.configuration ?? {};
  return {
    enabled: bool(config['enabled'], REPLAY_DEFAULTS.enabled),
    maxRecords: positive(config['max_records'], REPLAY_DEFAULTS.maxRecords),
    captureRequestBody: bool(config['capture_request_body'], REPLAY_DEFAULTS.captureRequestBody),
    captureResponseBody: bool(config['capture_response_body'], REPLAY_DEFAULTS.captureResponseBody),
    maxBodyBytes: positive(config['max_body_bytes'], REPLAY_DEFAULTS.maxBodyBytes),
  };
}
