import type Database from 'better-sqlite3';
import { seqOf } from '../replay/record-store';
import { ROLLUP_KEY, ROLLUP_SUMS, over } from '../store/migrations/005-records-in-time-order';

// The per-day groups insights are summed from. Whole days come from
// `record_rollups`, which triggers keep in step with the records; a time
// bound inside a day is honoured exactly by summing that day's records in
// the same shape. Either way a million records cost a few thousand rows.

export interface GroupFilters {
  /** ISO times, inclusive. */
  from?: string;
  to?: string;
  decision?: string;
  model?: string;
}

export type RollupKeyName = 'day' | 'decision' | 'model' | 'lane' | 'locality' | 'currency';
export type RollupSumName =
  | 'requests'
  | 'completed'
  | 'failed'
  | 'aborted'
  | 'in_progress'
  | 'costed'
  | 'actual_cost'
  | 'baseline_cost'
  | 'cost_savings'
  | 'input_tokens'
  | 'output_tokens'
  | 'total_tokens'
  | 'private_requests'
  | 'kept_local'
  | 'guard_reroutes';

/** One group: its key ('' where a record had no value) and its sums. */
export type RollupGroup = Record<RollupKeyName, string> & Record<RollupSumName, number>;

const DAY_MS = 86_400_000;
const dayOf = (ms: number) =>
  new Date(ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS)).toISOString().slice(0, 10);

/** The whole UTC days inside [from, to], and the partial stretches at either end. */
export function splitDays(
  fromMs: number | undefined,
  toMs: number | undefined,
): { days: { first?: string; last?: string } | null; edges: { fromMs: number; toMs: number }[] } {
  const firstFullStart = fromMs === undefined ? undefined : Math.ceil(fromMs / DAY_MS) * DAY_MS;
  // The end (exclusive) of the last whole day.
  const lastFullEnd = toMs === undefined ? undefined : Math.floor((toMs + 1) / DAY_MS) * DAY_MS;
  if (firstFullStart !== undefined && lastFullEnd !== undefined && firstFullStart >= lastFullEnd) {
    // No whole day inside: the records of the range itself.
    return { days: null, edges: [{ fromMs: fromMs ?? 0, toMs: toMs ?? 0 }] };
  }
  const edges: { fromMs: number; toMs: number }[] = [];
  if (fromMs !== undefined && firstFullStart !== undefined && fromMs < firstFullStart)
    edges.push({ fromMs, toMs: firstFullStart - 1 });
  if (toMs !== undefined && lastFullEnd !== undefined && toMs >= lastFullEnd)
    edges.push({ fromMs: lastFullEnd, toMs });
  return {
    days: {
      ...(firstFullStart !== undefined ? { first: dayOf(firstFullStart) } : {}),
      ...(lastFullEnd !== undefined ? { last: dayOf(lastFullEnd - 1) } : {}),
    },
    edges,
  };
}

const KEYS = Object.keys(ROLLUP_KEY);
const SUMS = Object.keys(ROLLUP_SUMS);

export function rollupGroups(db: Database.Database, filters: GroupFilters = {}): RollupGroup[] {
  const fromMs = filters.from === undefined ? undefined : Date.parse(filters.from);
  const toMs = filters.to === undefined ? undefined : Date.parse(filters.to);
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) return [];
  const { days, edges } = splitDays(fromMs, toMs);
  const groups: RollupGroup[] = [];

  const params: Record<string, unknown> = {};
  if (filters.decision !== undefined) params['decision'] = filters.decision;
  if (filters.model !== undefined) params['model'] = filters.model;
  /** The decision and alias filters over the given columns. */
  const same = (decision: string, model: string): string[] => [
    ...(filters.decision !== undefined ? [`${decision} = @decision`] : []),
    ...(filters.model !== undefined ? [`${model} = @model`] : []),
  ];

  if (days !== null) {
    const where = same('decision', 'model');
    if (days.first !== undefined) where.push('day >= @first_day');
    if (days.last !== undefined) where.push('day <= @last_day');
    groups.push(
      ...(db
        .prepare(
          `SELECT ${[...KEYS, ...SUMS].join(', ')} FROM record_rollups
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
        )
        .all({
          ...params,
          ...(days.first !== undefined ? { first_day: days.first } : {}),
          ...(days.last !== undefined ? { last_day: days.last } : {}),
        }) as RollupGroup[]),
    );
  }

  for (const edge of edges) {
    const where = [
      ...same(over(ROLLUP_KEY['decision'] ?? '', 'r'), over(ROLLUP_KEY['model'] ?? '', 'r')),
      'r.seq >= @from_seq',
      'r.seq < @to_seq',
    ];
    groups.push(
      ...(db
        .prepare(
          `SELECT ${KEYS.map((name) => `${over(ROLLUP_KEY[name] ?? '', 'r')} AS ${name}`).join(', ')},
                  ${SUMS.map((name) => `total(${over(ROLLUP_SUMS[name] ?? '', 'r')}) AS ${name}`).join(', ')}
           FROM routing_records r WHERE ${where.join(' AND ')}
           GROUP BY ${KEYS.map((_, index) => index + 1).join(', ')}`,
        )
        .all({
          ...params,
          from_seq: seqOf(edge.fromMs),
          to_seq: seqOf(edge.toMs + 1),
        }) as RollupGroup[]),
    );
  }
  return groups;
}
