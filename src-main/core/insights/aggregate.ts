import type Database from 'better-sqlite3';

// Insights over the routing records, computed in SQLite: counts by lifecycle,
// spend and savings against the baseline (upstream's rule: only completed
// records with all three cost fields count; the rest are excluded and
// counted), tokens, and breakdowns by decision, alias, lane, locality and day.
// Homelane adds how many requests the policy or the guard kept local.

export interface AggregateFilters {
  /** ISO times, inclusive. */
  from?: string;
  to?: string;
  decision?: string;
  model?: string;
}

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

function whereOf(filters: AggregateFilters): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filters.from) {
    where.push('created_ms >= @from_ms');
    params['from_ms'] = Date.parse(filters.from);
  }
  if (filters.to) {
    where.push('created_ms <= @to_ms');
    params['to_ms'] = Date.parse(filters.to);
  }
  if (filters.decision) {
    where.push('decision = @decision');
    params['decision'] = filters.decision;
  }
  if (filters.model) {
    where.push('selected_model = @model');
    params['model'] = filters.model;
  }
  return { sql: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}

const COSTED =
  "lifecycle_state = 'completed' AND actual_cost IS NOT NULL AND baseline_cost IS NOT NULL AND cost_savings IS NOT NULL";

export function aggregateRecords(db: Database.Database, filters: AggregateFilters = {}): Aggregate {
  const { sql, params } = whereOf(filters);
  const totals = db
    .prepare(
      `SELECT
         count(*) AS records,
         sum(lifecycle_state = 'completed') AS completed,
         sum(lifecycle_state = 'failed') AS failed,
         sum(lifecycle_state = 'aborted') AS aborted,
         sum(lifecycle_state = 'in_progress') AS in_progress,
         sum(CASE WHEN ${COSTED} THEN 1 ELSE 0 END) AS costed,
         total(CASE WHEN ${COSTED} THEN cost_savings END) AS saved,
         total(CASE WHEN ${COSTED} THEN baseline_cost END) AS baseline,
         total(CASE WHEN ${COSTED} THEN actual_cost END) AS actual,
         total(prompt_tokens) AS input_tokens,
         total(completion_tokens) AS output_tokens,
         total(total_tokens) AS tokens,
         sum(private) AS private_requests,
         sum(locality IN ('local', 'lan')) AS kept_local,
         sum(guard_rerouted) AS guard_reroutes
       FROM routing_records ${sql}`,
    )
    .get(params) as Record<string, number | null>;
  const currency = db
    .prepare(
      `SELECT currency FROM routing_records ${sql ? `${sql} AND` : 'WHERE'} ${COSTED} AND currency IS NOT NULL
       ORDER BY created_ms LIMIT 1`,
    )
    .get(params) as { currency: string } | undefined;
  const breakdown = (expression: string): Breakdown[] =>
    (
      db
        .prepare(
          `SELECT ${expression} AS name, count(*) AS requests, total(total_tokens) AS tokens,
             total(CASE WHEN ${COSTED} THEN actual_cost END) AS actual_cost,
             total(CASE WHEN ${COSTED} THEN cost_savings END) AS cost_savings
           FROM routing_records ${sql} GROUP BY 1 ORDER BY requests DESC, name`,
        )
        .all(params) as {
        name: string | null;
        requests: number;
        tokens: number;
        actual_cost: number;
        cost_savings: number;
      }[]
    ).map((row) => ({ ...row, name: row.name ?? '(none)' }));
  const records = totals['records'] ?? 0;
  const costed = totals['costed'] ?? 0;
  return {
    record_count: records,
    lifecycle: {
      completed: totals['completed'] ?? 0,
      failed: totals['failed'] ?? 0,
      aborted: totals['aborted'] ?? 0,
      in_progress: totals['in_progress'] ?? 0,
    },
    summary: {
      total_saved: totals['saved'] ?? 0,
      baseline_spend: totals['baseline'] ?? 0,
      actual_spend: totals['actual'] ?? 0,
      currency: currency?.currency ?? 'USD',
      cost_record_count: costed,
      excluded_record_count: records - costed,
    },
    token_volume: {
      input_tokens: totals['input_tokens'] ?? 0,
      output_tokens: totals['output_tokens'] ?? 0,
      total_tokens: totals['tokens'] ?? 0,
    },
    privacy: {
      private_requests: totals['private_requests'] ?? 0,
      kept_local: totals['kept_local'] ?? 0,
      guard_reroutes: totals['guard_reroutes'] ?? 0,
    },
    by_decision: breakdown('decision'),
    by_model: breakdown('selected_model'),
    by_lane: breakdown('lane_id'),
    by_locality: breakdown('locality'),
    by_day: breakdown('substr(created_at, 1, 10)'),
  };
}
