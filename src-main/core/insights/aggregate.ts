import type Database from 'better-sqlite3';
import { rollupGroups } from './rollup-groups';
import type { GroupFilters, RollupGroup, RollupKeyName, RollupSumName } from './rollup-groups';

// Insights over the routing records: counts by lifecycle, spend and savings
// against the baseline (upstream's rule: only completed records with all
// three cost fields count; the rest are excluded and counted), tokens, and
// breakdowns by decision, alias, lane, locality and UTC day (oldest first).
// Homelane adds how many requests the policy or the guard kept local. The
// sums are folded from per-day groups (see rollup-groups.ts).

/** The same filters the per-day groups take. */
export type AggregateFilters = GroupFilters;

export interface Breakdown {
  name: string;
  requests: number;
  tokens: number;
  actual_cost: number;
  cost_savings: number;
}

export interface Aggregate {
  record_count: number;
  lifecycle: { completed: number; failed: number; aborted: number; in_progress: number };
  summary: {
    total_saved: number;
    baseline_spend: number;
    actual_spend: number;
    currency: string;
    cost_record_count: number;
    excluded_record_count: number;
  };
  token_volume: { input_tokens: number; output_tokens: number; total_tokens: number };
  privacy: {
    private_requests: number;
    /** Requests that ended on a local or LAN lane. */
    kept_local: number;
    /** Private requests the guard moved off the lane the policy chose. */
    guard_reroutes: number;
  };
  by_decision: Breakdown[];
  by_model: Breakdown[];
  by_lane: Breakdown[];
  by_locality: Breakdown[];
  by_day: Breakdown[];
}

const NONE = '(none)';

function breakdown(
  groups: readonly RollupGroup[],
  key: RollupKeyName,
  order: 'busiest' | 'chronological',
): Breakdown[] {
  const rows = new Map<string, Breakdown>();
  for (const group of groups) {
    const name = group[key] === '' ? NONE : group[key];
    const row = rows.get(name) ?? { name, requests: 0, tokens: 0, actual_cost: 0, cost_savings: 0 };
    row.requests += group.requests;
    row.tokens += group.total_tokens;
    row.actual_cost += group.actual_cost;
    row.cost_savings += group.cost_savings;
    rows.set(name, row);
  }
  const sorted = [...rows.values()].filter((row) => row.requests > 0);
  return order === 'chronological'
    ? sorted.sort((a, b) => a.name.localeCompare(b.name))
    : sorted.sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name));
}

export function aggregateRecords(db: Database.Database, filters: AggregateFilters = {}): Aggregate {
  const groups = rollupGroups(db, filters);
  const sum = (name: RollupSumName) => groups.reduce((total, group) => total + group[name], 0);
  const records = sum('requests');
  const costed = sum('costed');
  // Upstream reports one currency: the one of the earliest costed records.
  const currency = groups
    .filter((group) => group.costed > 0 && group.currency !== '')
    .sort(
      (a, b) => a.day.localeCompare(b.day) || a.currency.localeCompare(b.currency),
    )[0]?.currency;
  return {
    record_count: records,
    lifecycle: {
      completed: sum('completed'),
      failed: sum('failed'),
      aborted: sum('aborted'),
      in_progress: sum('in_progress'),
    },
    summary: {
      total_saved: sum('cost_savings'),
      baseline_spend: sum('baseline_cost'),
      actual_spend: sum('actual_cost'),
      currency: currency ?? 'USD',
      cost_record_count: costed,
      excluded_record_count: records - costed,
    },
    token_volume: {
      input_tokens: sum('input_tokens'),
      output_tokens: sum('output_tokens'),
      total_tokens: sum('total_tokens'),
    },
    privacy: {
      private_requests: sum('private_requests'),
      kept_local: sum('kept_local'),
      guard_reroutes: sum('guard_reroutes'),
    },
    by_decision: breakdown(groups, 'decision', 'busiest'),
    by_model: breakdown(groups, 'model', 'busiest'),
    by_lane: breakdown(groups, 'lane', 'busiest'),
    by_locality: breakdown(groups, 'locality', 'busiest'),
    by_day: breakdown(groups, 'day', 'chronological'),
  };
}
