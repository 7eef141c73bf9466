import type { InsightsGetInput } from '../../../../src-main/contract';

// The time ranges the Insights page offers, as the `from` bound of
// `insights.get` (the range always runs to now).

export type RangeId = '24h' | '7d' | '30d' | 'all';

export const RANGES: readonly { id: RangeId; label: string }[] = [
  { id: '24h', label: '24 h' },
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
  { id: 'all', label: 'All' },
];

const HOUR_MS = 3_600_000;
const SPAN_MS: Record<Exclude<RangeId, 'all'>, number> = {
  '24h': 24 * HOUR_MS,
  '7d': 7 * 24 * HOUR_MS,
  '30d': 30 * 24 * HOUR_MS,
};

export function rangeInput(range: RangeId, now: number = Date.now()): InsightsGetInput {
  if (range === 'all') return {};
  return { from: new Date(now - SPAN_MS[range]).toISOString() };
}
