import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { RouterConfig } from '../../../src-main/core/config/router-config';
import { newRecord } from '../../../src-main/core/replay/record-builder';
import { REPLAY_DEFAULTS } from '../../../src-main/core/replay/replay-settings';
import { applyRetention } from '../../../src-main/core/replay/retention';
import { Router } from '../../../src-main/core/router/router';
import { useRecordDatabase } from '../../support/record-db';

let router: Router;

beforeAll(async () => {
  const text = 'version: v0.3\nrouting:\n  decisions: []\n';
  router = await Router.create(loadConfigText(text, 'r.yaml').config as RouterConfig);
});
const data = useRecordDatabase();

async function add(text: string, at: string) {
  const record = newRecord(await router.route({ text }), {
    body: {},
    streaming: false,
    routingMs: 0,
    settings: REPLAY_DEFAULTS,
    now: new Date(at),
  });
  data.store.insert(record);
}

describe('retention', () => {
  it('removes records older than the age limit, then keeps the newest N, and search forgets them', async () => {
    await add('ancient apples', '2026-10-01T00:00:00Z');
    await add('old bananas', '2026-11-20T00:00:00Z');
    await add('recent cherries', '2026-11-24T00:00:00Z');
    await add('fresh dates', '2026-11-25T00:00:00Z');
    const now = new Date('2026-11-25T12:00:00Z');
    expect(applyRetention(data.db, { maxAgeDays: 30 }, now)).toEqual({ removed: 1 });
    expect(applyRetention(data.db, { maxRecords: 2 }, now)).toEqual({ removed: 1 });
    expect(data.store.list().records.map((record) => record.prompt)).toEqual([
      'fresh dates',
      'recent cherries',
    ]);
    expect(data.store.list({ text: 'bananas' }).records).toEqual([]);
    expect(data.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
