import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Aggregate } from '../../src-main/core/insights/aggregate';
import { RecordStore } from '../../src-main/core/replay/record-store';
import type { RoutingRecord } from '../../src-main/core/replay/record-types';
import { loadProfile } from '../../src-main/core/services/default-profile';
import type { LoadedProfile } from '../../src-main/core/services/default-profile';
import { sampleRecord } from '../support/sample-record';
import { startAppServer } from '../support/app-server';
import type { AppServer } from '../support/app-server';
import { makeTempDir } from '../support/temp-dir';

// The replay and insights API over real HTTP, on the app's own database file
// (made by the production migrations when the app opens its data folder).
// Records are written through RecordStore; what comes back is checked
// against the written records, filtered and summed here.

const temp = makeTempDir('homelane-replay-http-');
let serverCount = 0;

/** A running app with `profile` (or none) and its HTTP server on a free loopback port. */
function serve(profile: LoadedProfile | undefined): Promise<AppServer> {
  return startAppServer({
    dataDir: join(temp.dir, `data-${serverCount++}`),
    ...(profile ? { profile } : {}),
  });
}

let served: AppServer;
const written: RoutingRecord[] = [];

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${served.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function list(
  query: string,
): Promise<{ records: RoutingRecord[]; next_cursor: string | null }> {
  const answer = await get(`/api/v1/replay${query}`);
  expect(answer.status, query).toBe(200);
  return answer.body as unknown as { records: RoutingRecord[]; next_cursor: string | null };
}

/** The written records that pass `keep`, newest first (as the API lists them). */
function expectedIds(keep: (record: RoutingRecord) => boolean = () => true): string[] {
  return written
    .filter(keep)
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .map((record) => record.id);
}

const DECISIONS = ['hard_questions', 'casual'] as const;
const MODELS = ['cloud/big', 'local/small', 'lan/mid'] as const;
const LOCALITY = { 'cloud/big': 'cloud', 'local/small': 'local', 'lan/mid': 'lan' } as const;
const STATES = ['completed', 'completed', 'failed', 'in_progress', 'aborted'] as const;
const PROMPTS = [
  'prove that the sum of two even numbers is even',
  'what is a good name for a cat',
  'summarise the quarterly payroll figures',
];

beforeAll(async () => {
  served = await serve(await loadProfile());
  const db = served.context.chat?.database;
  if (!db) throw new Error('the app opened no database');
  const store = new RecordStore(db);
  const start = Date.parse('2026-11-24T20:00:00.000Z');
  // 18 records an hour apart, over two UTC days, with every field the filters read varied.
  for (let i = 0; i < 18; i++) {
    const model = MODELS[i % 3] ?? 'cloud/big';
    const state = STATES[i % 5] ?? 'completed';
    const costed = state === 'completed' && i % 4 !== 0;
    const record = sampleRecord({
      created_at: new Date(start + i * 3_600_000).toISOString(),
      decision: DECISIONS[i % 2] ?? 'casual',
      selected_model: model,
      upstream_model: model,
      locality: LOCALITY[model],
      lane_id: `lane-${LOCALITY[model]}`,
      private: i % 3 === 1,
      lifecycle_state: state,
      conversation_id: i < 4 ? 'conv-a' : null,
      prompt: PROMPTS[i % 3] ?? '',
      prompt_tokens: state === 'in_progress' ? null : 100 + i,
      completion_tokens: state === 'in_progress' ? null : 20 + i,
      total_tokens: state === 'in_progress' ? null : 120 + 2 * i,
      ...(costed
        ? {
            actual_cost: 0.001 * i,
            baseline_cost: 0.01 * i,
            cost_savings: 0.009 * i,
            currency: 'USD',
            baseline_model: 'cloud/big',
          }
        : {}),
    });
    store.insert(record);
    written.push(record);
  }
}, 60_000);
afterAll(async () => {
  await served.close();
  temp.cleanup();
});

describe('GET /api/v1/replay', () => {
  it('lists the records newest first', async () => {
    const page = await list('');
    expect(page.records.map((record) => record.id)).toEqual(expectedIds());
    expect(page.next_cursor).toBeNull();
    const newest = written.at(-1);
    expect(page.records[0]).toMatchObject({
      id: newest?.id,
      decision: newest?.decision,
      selected_model: newest?.selected_model,
      prompt: newest?.prompt,
    });
  });

  it('filters by each field', async () => {
    const cases: [string, (record: RoutingRecord) => boolean][] = [
      ['decision=casual', (r) => r.decision === 'casual'],
      ['model=local%2Fsmall', (r) => r.selected_model === 'local/small'],
      ['lane=lane-lan', (r) => r.lane_id === 'lane-lan'],
      ['locality=cloud', (r) => r.locality === 'cloud'],
      ['private=true', (r) => r.private],
      ['private=false', (r) => !r.private],
      ['status=failed', (r) => r.lifecycle_state === 'failed'],
      ['conversation=conv-a', (r) => r.conversation_id === 'conv-a'],
      ['text=payroll', (r) => r.prompt.includes('payroll')],
      [
        'from=2026-11-25T00:00:00Z&to=2026-11-25T05:00:00Z',
        (r) =>
          r.created_at >= '2026-11-25T00:00:00.000Z' && r.created_at <= '2026-11-25T05:00:00.000Z',
      ],
      [
        'decision=hard_questions&locality=local&status=completed',
        (r) =>
          r.decision === 'hard_questions' &&
          r.locality === 'local' &&
          r.lifecycle_state === 'completed',
      ],
    ];
    for (const [query, keep] of cases) {
      const expected = expectedIds(keep);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(expected.length, query).toBeLessThan(written.length);
      const page = await list(`?${query}`);
      expect(
        page.records.map((record) => record.id),
        query,
      ).toEqual(expected);
    }
  });

  it('pages by cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.records.length).toBeLessThanOrEqual(5);
      seen.push(...page.records.map((record) => record.id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(expectedIds());
    // A filter holds across pages too.
    const first = await list('?decision=casual&limit=4');
    expect(first.next_cursor).not.toBeNull();
    const second = await list(`?decision=casual&limit=4&cursor=${first.next_cursor ?? ''}`);
    expect([...first.records, ...second.records].map((r) => r.id)).toEqual(
      expectedIds((r) => r.decision === 'casual').slice(0, 8),
    );
  });

  it('refuses a bad parameter with 400, naming it', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['locality=moon', 'locality'],
      ['private=yes', 'private'],
      ['status=done', 'status'],
      ['from=yesterday', 'from'],
      ['to=2026-13-40T00:00:00Z', 'to'],
      ['from=2026-11-26T00:00:00Z&to=2026-11-25T00:00:00Z', 'to'],
      ['decision=', 'decision'],
      ['decision=a&decision=b', 'decision'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['colour=blue', 'colour'],
    ];
    for (const [query, param] of cases) {
      const answer = await get(`/api/v1/replay?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body, query).toMatchObject({ error: { code: 'INVALID_INPUT', param } });
      expect((answer.body['error'] as { message: string }).message, query).toContain(param);
    }
  });
});

describe('GET /api/v1/replay/:id', () => {
  it('returns the stored record', async () => {
    const record = written[5];
    if (!record) throw new Error('no record 5');
    const answer = await get(`/api/v1/replay/${record.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(record)));
  });

  it('answers 404 for an unknown id', async () => {
    const answer = await get('/api/v1/replay/0123456789abcdef0123456789abcdef');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('GET /api/v1/insights', () => {
  function sums(keep: (record: RoutingRecord) => boolean = () => true) {
    const records = written.filter(keep);
    const costed = records.filter(
      (r) =>
        r.lifecycle_state === 'completed' &&
        r.actual_cost !== null &&
        r.baseline_cost !== null &&
        r.cost_savings !== null,
    );
    const total = (values: (number | null)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0);
    const count = (state: RoutingRecord['lifecycle_state']) =>
      records.filter((r) => r.lifecycle_state === state).length;
    return {
      record_count: records.length,
      lifecycle: {
        completed: count('completed'),
        failed: count('failed'),
        aborted: count('aborted'),
        in_progress: count('in_progress'),
      },
      actual: total(costed.map((r) => r.actual_cost)),
      baseline: total(costed.map((r) => r.baseline_cost)),
      saved: total(costed.map((r) => r.cost_savings)),
      costed: costed.length,
      input: total(records.map((r) => r.prompt_tokens)),
      output: total(records.map((r) => r.completion_tokens)),
      tokens: total(records.map((r) => r.total_tokens)),
      private: records.filter((r) => r.private).length,
      decisions: Object.fromEntries(
        DECISIONS.map((d) => [d, records.filter((r) => r.decision === d).length]),
      ),
    };
  }

  function expectMatches(aggregate: Aggregate, expected: ReturnType<typeof sums>): void {
    expect(aggregate.record_count).toBe(expected.record_count);
    expect(aggregate.lifecycle).toEqual(expected.lifecycle);
    expect(aggregate.summary.cost_record_count).toBe(expected.costed);
    expect(aggregate.summary.excluded_record_count).toBe(expected.record_count - expected.costed);
    expect(aggregate.summary.actual_spend).toBeCloseTo(expected.actual, 10);
    expect(aggregate.summary.baseline_spend).toBeCloseTo(expected.baseline, 10);
    expect(aggregate.summary.total_saved).toBeCloseTo(expected.saved, 10);
    expect(aggregate.token_volume).toEqual({
      input_tokens: expected.input,
      output_tokens: expected.output,
      total_tokens: expected.tokens,
    });
    expect(aggregate.privacy.private_requests).toBe(expected.private);
    const byDecision = Object.fromEntries(
      aggregate.by_decision.map((row) => [row.name, row.requests]),
    );
    for (const [decision, n] of Object.entries(expected.decisions)) {
      expect(byDecision[decision] ?? 0, decision).toBe(n);
    }
  }

  it('sums every record', async () => {
    const answer = await get('/api/v1/insights');
    expect(answer.status).toBe(200);
    const expected = sums();
    expect(expected.costed).toBeGreaterThan(0);
    expect(expected.costed).toBeLessThan(expected.lifecycle.completed);
    expectMatches(answer.body as unknown as Aggregate, expected);
    expect((answer.body as unknown as Aggregate).summary.currency).toBe('USD');
  });

  it('sums the filtered records', async () => {
    const cases: [string, (record: RoutingRecord) => boolean][] = [
      ['decision=hard_questions', (r) => r.decision === 'hard_questions'],
      ['model=lan%2Fmid', (r) => r.selected_model === 'lan/mid'],
      [
        'from=2026-11-24T22:30:00Z&to=2026-11-25T09:00:00Z',
        (r) =>
          r.created_at >= '2026-11-24T22:30:00.000Z' && r.created_at <= '2026-11-25T09:00:00.000Z',
      ],
    ];
    for (const [query, keep] of cases) {
      const answer = await get(`/api/v1/insights?${query}`);
      expect(answer.status, query).toBe(200);
      const expected = sums(keep);
      expect(expected.record_count, query).toBeLessThan(written.length);
      expectMatches(answer.body as unknown as Aggregate, expected);
    }
  });

  it('refuses a bad parameter with 400, naming it', async () => {
    for (const [query, param] of [
      ['from=last-week', 'from'],
      ['status=completed', 'status'],
      ['model=', 'model'],
    ] as const) {
      const answer = await get(`/api/v1/insights?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body, query).toMatchObject({ error: { code: 'INVALID_INPUT', param } });
    }
  });
});

describe('without a database', () => {
  it('answers 503 on every route', async () => {
    const bare = await serve(undefined);
    try {
      for (const path of ['/api/v1/replay', '/api/v1/replay/abc', '/api/v1/insights']) {
        const response = await fetch(`${bare.url}${path}`);
        expect(response.status, path).toBe(503);
        expect(await response.json(), path).toMatchObject({
          error: { code: 'DATABASE_UNAVAILABLE' },
        });
      }
    } finally {
      await bare.close();
    }
  });
});
