import type { LaneView } from '../../../../src-main/contract';

// Small wording helpers shared by the lanes table and its cards.

/** `12 ms`, `1.4 s`; an em dash when there is no sample yet. */
export function formatLatency(ms: number | null): string {
  if (ms === null) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms)} ms`;
}

/** A wall-clock time of today, as the person's locale writes it. */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString();
}

/** Where a lane was declared: `policy`, `managed: vllm`, `LAN: box`. */
export function originLabel(lane: Pick<LaneView, 'origin' | 'source'>): string {
  if (lane.origin === 'config') return 'policy';
  const kind = lane.origin === 'managed' ? 'managed' : 'LAN';
  return lane.source ? `${kind}: ${lane.source}` : kind;
}

const LOCALITY_SOURCES: Record<string, string> = {
  config: 'set explicitly',
  card_tag: "the model card's deployment tag",
  endpoint: "the endpoint's address",
  default: 'the default (no address to read)',
  managed: 'a managed container on this machine',
  lan_endpoint: "the LAN endpoint's address",
};

/** Why a lane has its locality, for a tooltip. */
export function localitySourceLabel(source: string): string {
  return LOCALITY_SOURCES[source] ?? source;
}

/** `1 lane`, `3 lanes`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * What the person can do about a failing lane, when Homelane knows: the
 * policy's `vllm:8000` is the managed container's in-network address, which
 * only answers once that container runs.
 */
export function remedyFor(
  lane: Pick<LaneView, 'baseUrl' | 'origin'>,
  errorCode: string,
): string | null {
  if (errorCode !== 'unreachable' || lane.baseUrl === null) return null;
  let host: string;
  try {
    host = new URL(lane.baseUrl).hostname;
  } catch {
    return null;
  }
  if (lane.origin === 'config' && host === 'vllm') {
    return 'This is the managed vLLM container. Start it with "homelane lanes up", or add a server on your network with "homelane lanes add URL".';
  }
  return null;
}
