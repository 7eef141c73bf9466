// The replay store at scale: 1,000,000 routing records in a real SQLite file
// made by the production migrations. Measures insert throughput in batches
// and one request at a time, the p95 of a filtered list page, and an
// insights aggregate over everything. Run: npm run bench:store [-- --records N]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfigText } from '../src-main/core/config/load';
import type { RouterConfig } from '../src-main/core/config/router-config';
import { aggregateRecords } from '../src-main/core/insights/aggregate';
import { newRecord, newRecordId } from '../src-main/core/replay/record-builder';
import { RecordStore } from '../src-main/core/replay/record-store';
import { RecordWriteQueue } from '../src-main/core/replay/record-write-queue';
import type { RoutingRecord } from '../src-main/core/replay/record-types';
import { REPLAY_DEFAULTS } from '../src-main/core/replay/replay-settings';
import { Router } from '../src-main/core/router/router';
import { openDatabase } from '../src-main/core/store/database';

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
const TOTAL = Number(argument('--records') ?? 1_000_000);
const BATCH = 1000;
const SINGLES = 5000;

const CONFIG = `version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - { name: local/small, provider_model_id: local/small, pricing: { currency: USD, prompt_per_1m: 0, completion_per_1m: 0 } }
    - { name: cloud/big, provider_model_id: cloud/big, pricing: { currency: USD, prompt_per_1m: 2, completion_per_1m: 8 } }
routing:
  modelCards: [{ name: local/small }, { name: cloud/big }]
  signals:
    keywords:
      - { name: hard, operator: OR, keywords: [prove, architecture, analysis] }
      - { name: code, operator: OR, keywords: [python, rust, stack trace] }
  decisions:
    - name: hard_questions
      priority: 20
      rules: { operator: AND, conditions: [{ type: keyword, name: hard }] }
      modelRefs: [{ model: cloud/big }]
    - name: code_help
      priority: 10
      rules: { operator: AND, conditions: [{ type: keyword, name: code }] }
      modelRefs: [{ model: local/small }]
`;

const PROMPTS = [
  'Prove that the sum of two even numbers is even, step by step.',
  'Why does this python stack trace mention a KeyError in the loader?',
  'Give me three ideas for a rainy Sunday afternoon with kids.',
  'Write an architecture analysis for a multi-region cache with trade-offs.',
  'How do I read a file line by line in rust without loading it all?',
  'Summarise the plot of a detective novel in two sentences.',
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'homelane-store-bench-'));
  const file = join(dir, 'homelane.db');
  const db = openDatabase(file);
  const store = RecordStore.of(db);
  const router = await Router.create(loadConfigText(CONFIG, 'bench.yaml').config as RouterConfig);
  const traces = await Promise.all(PROMPTS.map((text) => router.route({ text })));
  const start = Date.UTC(2026, 0, 1);
  const make = (i: number): RoutingRecord => {
    const trace = traces[i % traces.length]!;
    const record = newRecord(
      { ...trace, locality: i % 3 === 0 ? 'cloud' : 'local', private: i % 7 === 0 },
      {
        body: { i },
        streaming: true,
        routingMs: 0.4,
        settings: REPLAY_DEFAULTS,
        now: new Date(start + i * 30_000),
      },
    );
    const cloud = trace.model === 'cloud/big';
    return {
      ...record,
      lifecycle_state: i % 50 === 0 ? 'failed' : 'completed',
      lane_id: cloud ? 'cloud/big_api' : 'local/small_box',
      prompt_tokens: 40 + (i % 60),
      completion_tokens: 100 + (i % 300),
      total_tokens: 140 + (i % 60) + (i % 300),
      actual_cost: cloud ? 0.002 : 0,
      baseline_cost: 0.002,
      cost_savings: cloud ? 0 : 0.002,
      currency: 'USD',
      baseline_model: 'cloud/big',
    };
  };
  // Records are prepared before timing: the figure is the store's, not the builder's.
  const pending = Array.from({ length: BATCH }, (_, i) => make(i));
  const batchOf = (written: number): RoutingRecord[] =>
    pending.map((record, k) => {
      const at = new Date(start + (written + k) * 30_000);
      return { ...record, id: newRecordId(at), created_at: at.toISOString() };
    });

  // Batches take the server's path: each request's record is a job of the
  // write queue, written with the others of its event-loop turn (here the
  // batch's thousand), with the decision's max_records check (set above the
  // total, so it runs and trims nothing). Only the queue is on the clock.
  const queue = RecordWriteQueue.of(db);
  const failures: unknown[] = [];
  const failed = (error: unknown) => failures.push(error);
  let batchMs = 0;
  for (let written = 0; written < TOTAL - SINGLES; written += BATCH) {
    const batch = batchOf(written);
    const t0 = performance.now();
    for (const record of batch) queue.add(() => store.insert(record, 10 * TOTAL), failed);
    queue.flush();
    batchMs += performance.now() - t0;
    if (failures.length > 0) throw failures[0];
  }
  const batched = (TOTAL - SINGLES) / (batchMs / 1000);

  // One request at a time, as the chat service writes them: its own
  // transaction and the decision's max_records check (set above the total,
  // so the check runs and nothing is trimmed).
  const singles = Array.from({ length: SINGLES }, (_, k) => make(TOTAL - SINGLES + k));
  let t = performance.now();
  for (const record of singles) store.insert(record, 10 * TOTAL);
  const single = SINGLES / ((performance.now() - t) / 1000);

  const filters = [
    {},
    { decision: 'hard_questions' },
    { model: 'local/small' },
    { locality: 'cloud' as const },
    { private: true },
    { text: 'stack trace' },
    { decision: 'code_help', from: '2026-03-01T00:00:00Z', to: '2026-06-01T00:00:00Z' },
  ];
  const pageTimes: number[] = [];
  for (let round = 0; round < 30; round++) {
    for (const filter of filters) {
      t = performance.now();
      const first = store.list(filter, { limit: 50 });
      if (first.next_cursor) store.list(filter, { limit: 50, cursor: first.next_cursor });
      pageTimes.push((performance.now() - t) / 2);
    }
  }
  pageTimes.sort((a, b) => a - b);

  const aggregateTimes: number[] = [];
  for (let round = 0; round < 5; round++) {
    t = performance.now();
    aggregateRecords(db);
    aggregateTimes.push(performance.now() - t);
  }
  aggregateTimes.sort((a, b) => a - b);
  const size = statSync(file).size;
  db.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.versions.node}`,
  );
  console.log(
    `records: ${TOTAL.toLocaleString('en')} (database ${(size / 1024 ** 2).toFixed(0)} MB, WAL)`,
  );
  console.log(
    `insert, batches of ${BATCH}: ${Math.round(batched).toLocaleString('en')} records/s (target ≥ 20,000)`,
  );
  console.log(
    `insert, one at a time:      ${Math.round(single).toLocaleString('en')} records/s (target ≥ 2,000)`,
  );
  console.log(
    `filtered list page (50), ${pageTimes.length} pages over ${filters.length} filters: p50 ${percentile(pageTimes, 50).toFixed(2)} ms, p95 ${percentile(pageTimes, 95).toFixed(2)} ms (target p95 < 20 ms)`,
  );
  console.log(
    `aggregate over everything, 5 runs: median ${percentile(aggregateTimes, 50).toFixed(0)} ms, max ${aggregateTimes.at(-1)?.toFixed(0)} ms (target < 300 ms)`,
  );
}

await main();
