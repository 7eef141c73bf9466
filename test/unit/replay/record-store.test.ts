import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { RouterConfig } from '../../../src-main/core/config/router-config';
import { capUtf8 } from '../../../src-main/core/replay/capture';
import { newRecord } from '../../../src-main/core/replay/record-builder';
import { RecordStore, RecordStoreError } from '../../../src-main/core/replay/record-store';
import { REPLAY_DEFAULTS, replaySettings } from '../../../src-main/core/replay/replay-settings';
import { Router } from '../../../src-main/core/router/router';
import type { RoutingTrace } from '../../../src-main/core/router/trace';
import { openDatabase } from '../../../src-main/core/store/database';
import { MIGRATIONS } from '../../../src-main/core/store/migrations/index';
import { makeTempDir } from '../../support/temp-dir';

// Routing records on a real SQLite file made by the production migrations.

const CONFIG = `version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - { name: local/small, provider_model_id: local/small }
    - { name: cloud/big, provider_model_id: cloud/big }
routing:
  modelCards: [{ name: local/small }, { name: cloud/big }]
  signals:
    keywords:
      - { name: hard, operator: OR, keywords: [prove, architecture] }
  decisions:
    - name: hard_questions
      priority: 10
      rules: { operator: AND, conditions: [{ type: keyword, name: hard }] }
      modelRefs: [{ model: cloud/big }]
      plugins:
        - type: router_replay
          configuration: { enabled: true, max_records: 3, max_body_bytes: 64 }
`;

let router: Router;
let temp: ReturnType<typeof makeTempDir>;
let store: RecordStore;
let close: () => void;

beforeAll(async () => {
  const { config } = loadConfigText(CONFIG, 'replay.yaml');
  router = await Router.create(config as RouterConfig);
});
beforeEach(() => {
  temp = makeTempDir();
  const db = openDatabase(join(temp.dir, 'homelane.db'));
  store = new RecordStore(db);
  close = () => db.close();
});
afterEach(() => {
  close();
  temp.cleanup();
});

async function record(text: string, at: string, conversationId?: string) {
  const trace: RoutingTrace = await router.route({ text });
  const body = { model: 'auto', messages: [{ role: 'user', content: text }] };
  const settings = replaySettings(trace);
  const built = newRecord(trace, {
    body,
    streaming: true,
    routingMs: 0.5,
    settings,
    now: new Date(at),
    ...(conversationId ? { conversationId } : {}),
  });
  store.insert(built, settings.maxRecords);
  return built;
}

describe('routing records', () => {
  it('stores a routed request and completes it with its outcome', async () => {
    const created = await record(
      'Prove that there are infinitely many primes.',
      '2026-11-25T10:00:00Z',
      'c1',
    );
    expect(store.get(created.id)).toMatchObject({
      decision: 'hard_questions',
      selected_model: 'cloud/big',
      original_model: 'vllm-sr/auto',
      lifecycle_state: 'in_progress',
      conversation_id: 'c1',
      signals: { keyword: ['hard'] },
    });
    store.finish(
      created.id,
      {
        lifecycle_state: 'completed',
        lane_id: 'cloud/big_api',
        locality: 'cloud',
        ttft_ms: 120,
        duration_ms: 900,
        prompt_tokens: 12,
        completion_tokens: 40,
        total_tokens: 52,
        response_body: 'Suppose there were finitely many…',
      },
      new Date('2026-11-25T10:00:01Z'),
    );
    expect(store.get(created.id)).toMatchObject({
      lifecycle_state: 'completed',
      lane_id: 'cloud/big_api',
      total_tokens: 52,
      ended_at: '2026-11-25T10:00:01.000Z',
    });
    expect(() => store.finish('nope', { lifecycle_state: 'failed' })).toThrow(RecordStoreError);
  });

  it('completes a record in one update, with the mark of a truncated response', async () => {
    const created = await record('prove the theorem', '2026-11-25T10:00:00Z');
    const completed = store.complete(
      created.id,
      { lifecycle_state: 'completed', response_body: 'cut sho' },
      { now: new Date('2026-11-25T10:00:02Z'), responseTruncated: true },
    );
    expect(completed).toBe(true);
    expect(store.get(created.id)).toMatchObject({
      lifecycle_state: 'completed',
      response_body: 'cut sho',
      response_body_truncated: true,
      ended_at: '2026-11-25T10:00:02.000Z',
    });
    expect(store.complete('nope', { lifecycle_state: 'failed' })).toBe(false);
  });

  it('masks secrets and PII in the prompt, the bodies and the trace, and caps them at max_body_bytes', async () => {
    const key = `AKIA${'FAKE'.repeat(4)}`;
    const created = await record(
      `Prove it. Mail ada@example.org, key ${key}. ${'x'.repeat(200)}`,
      '2026-11-25T10:00:00Z',
    );
    const stored = store.get(created.id);
    const everything = JSON.stringify(stored);
    expect(everything).not.toContain('ada@example.org');
    expect(everything).not.toContain(key);
    expect(stored?.prompt).toContain('[EMAIL_ADDRESS]');
    expect(Buffer.byteLength(stored?.prompt ?? '')).toBeLessThanOrEqual(64);
    expect(stored).toMatchObject({ prompt_truncated: true, request_body_truncated: true });
  });

  it('cuts UTF-8 on a character boundary', () => {
    expect(capUtf8('héllo', 2)).toEqual({ text: 'h', truncated: true });
    expect(capUtf8('日本語', 7)).toEqual({ text: '日本', truncated: true });
    expect(capUtf8('ok', 10)).toEqual({ text: 'ok', truncated: false });
  });

  it('lists newest first with filters, full-text search and stable keyset pages', async () => {
    await record('hello there', '2026-11-25T09:00:00Z');
    await record('Prove the lemma about graphs.', '2026-11-25T09:01:00Z');
    await record('what about the weather', '2026-11-25T09:02:00Z');
    await record('architecture of a cache', '2026-11-25T09:03:00Z');
    const all = store.list({}, { limit: 10 });
    expect(all.records.map((entry) => entry.prompt)).toEqual([
      'architecture of a cache',
      'what about the weather',
      'Prove the lemma about graphs.',
      'hello there',
    ]);
    expect(store.list({ decision: 'hard_questions' }).records).toHaveLength(2);
    expect(store.list({ text: 'graphs lemma' }).records.map((entry) => entry.prompt)).toEqual([
      'Prove the lemma about graphs.',
    ]);
    expect(
      store.list({ from: '2026-11-25T09:01:30Z', to: '2026-11-25T09:02:30Z' }).records,
    ).toHaveLength(1);

    const first = store.list({}, { limit: 2 });
    await record('a newer one arrives', '2026-11-25T09:04:00Z');
    const second = store.list({}, { limit: 2, cursor: first.next_cursor ?? '' });
    expect(second.records.map((entry) => entry.prompt)).toEqual([
      'Prove the lemma about graphs.',
      'hello there',
    ]);
    expect(second.next_cursor).toBeNull();
    expect(() => store.list({}, { cursor: 'garbage' })).toThrow(/cursor/);
  });

  it('keeps only max_records of a decision', async () => {
    for (let minute = 0; minute < 5; minute++) {
      await record(`prove case ${minute}`, `2026-11-25T08:0${minute}:00Z`);
    }
    expect(store.list({ decision: 'hard_questions' }).records.map((entry) => entry.prompt)).toEqual(
      ['prove case 4', 'prove case 3', 'prove case 2'],
    );
  });

  it('reads the decision`s router_replay plugin, with upstream`s defaults', async () => {
    expect(replaySettings(await router.route({ text: 'prove it' }))).toMatchObject({
      enabled: true,
      maxRecords: 3,
      maxBodyBytes: 64,
      captureRequestBody: true,
    });
    expect(replaySettings(await router.route({ text: 'hi' }))).toEqual(REPLAY_DEFAULTS);
  });
});

describe('records written under an earlier schema', () => {
  it('are migrated: the trace moves to its own table and reads back the same', async () => {
    const file = join(temp.dir, 'old.db');
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 2) });
    const trace = { decision: 'hard_questions', text: 'prove it' };
    old
      .prepare(
        `INSERT INTO routing_records (id, created_at, created_ms, original_model, reasoning_mode,
           privacy_reasons, prompt, trace)
         VALUES ('a1', '2026-11-01T00:00:00.000Z', ?, 'auto', 'off', ?, 'prove it', ?)`,
      )
      .run(
        Date.parse('2026-11-01T00:00:00Z'),
        JSON.stringify([{ kind: 'guard_reroute', detail: 'moved' }]),
        JSON.stringify(trace),
      );
    old.close();
    const migrated = openDatabase(file);
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
      const record = new RecordStore(migrated).get('a1');
      expect(record?.trace).toEqual(trace);
      expect(record?.prompt).toBe('prove it');
      const flags = migrated.prepare('SELECT guard_rerouted FROM routing_records').get() as {
        guard_rerouted: number;
      };
      expect(flags.guard_rerouted).toBe(1);
      expect(migrated.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      migrated.close();
    }
  });
});
