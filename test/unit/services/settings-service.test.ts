import { afterEach, describe, expect, it } from 'vitest';
import { RecordStore } from '../../../src-main/core/replay/record-store';
import { bareServiceContext } from '../../../src-main/core/services/create-context';
import { dispatch } from '../../../src-main/core/services/dispatch';
import { createHandlers } from '../../../src-main/core/services/handlers';
import { SettingsStore } from '../../../src-main/core/store/settings-store';
import { sampleRecord } from '../../support/sample-record';
import { appContext } from './app-context-fixture';
import type { AppContextFixture } from './app-context-fixture';

const opened: AppContextFixture[] = [];
async function open(options: Parameters<typeof appContext>[0] = {}) {
  const app = await appContext(options);
  opened.push(app);
  return app;
}
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});

describe('settings.get / settings.set', () => {
  it('shows the data folder, no retention limit and the cloud escalation in force', async () => {
    const app = await open({ cloudEscalation: 'ask' });
    const result = await dispatch(app.handlers, 'settings.get', {});
    expect(result).toEqual({
      ok: true,
      data: {
        dataDir: app.dataDir,
        retention: { maxAgeDays: null, maxRecords: null },
        privacy: { cloudEscalation: 'ask' },
        storage: 'ok',
      },
    });
  });

  it('saves retention and applies it at once', async () => {
    const app = await open();
    const db = app.context.chat!.database;
    const store = new RecordStore(db);
    const now = Date.now();
    for (let day = 0; day < 6; day++) {
      store.insert(
        sampleRecord({ created_at: new Date(now - day * 86_400_000 - 60_000).toISOString() }),
      );
    }
    const result = await dispatch(app.handlers, 'settings.set', {
      retention: { maxAgeDays: 3, maxRecords: 2 },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { settings, removed } = result.data as {
      settings: { retention: unknown };
      removed: number;
    };
    // 3, 4 and 5 days old go by age; then only the 2 newest stay.
    expect(removed).toBe(4);
    expect(store.count()).toBe(2);
    expect(settings.retention).toEqual({ maxAgeDays: 3, maxRecords: 2 });
    expect(new SettingsStore(db).get('replay.max_age_days')).toBe(3);

    const off = await dispatch(app.handlers, 'settings.set', { retention: { maxAgeDays: null } });
    expect(off.ok && (off.data as { settings: { retention: unknown } }).settings.retention).toEqual(
      { maxAgeDays: null, maxRecords: 2 },
    );
  });

  it('refuses values the core does not accept, naming the field', async () => {
    const app = await open();
    const negative = await dispatch(app.handlers, 'settings.set', {
      retention: { maxRecords: -1 },
    });
    expect(negative).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!negative.ok && negative.error.message).toContain('retention.maxRecords');
    const unknownToggle = await dispatch(app.handlers, 'settings.set', {
      privacy: { telemetry: true },
    });
    expect(unknownToggle).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const escalation = await dispatch(app.handlers, 'settings.set', {
      privacy: { cloudEscalation: 'sometimes' },
    });
    expect(escalation).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('changes cloud escalation for the running app and for the next start', async () => {
    const app = await open();
    expect(app.context.cloudEscalation).toBe('allow');
    await dispatch(app.handlers, 'settings.set', { privacy: { cloudEscalation: 'never' } });
    expect(app.context.cloudEscalation).toBe('never');
    const info = await dispatch(app.handlers, 'app.info', {});
    expect(info.ok && (info.data as { cloudEscalation: string }).cloudEscalation).toBe('never');
    await app.context.chat?.close();

    // Started again on the same data folder without a choice: the saved one.
    const again = await open({ dataDir: app.dataDir });
    expect(again.context.cloudEscalation).toBe('never');
    await again.context.chat?.close();
    // A choice made at start (e.g. serve --cloud-escalation ask) wins over the saved one.
    const chosen = await open({ dataDir: app.dataDir, cloudEscalation: 'ask' });
    expect(chosen.context.cloudEscalation).toBe('ask');
  });

  it('reads, but cannot save, without a database', async () => {
    const handlers = createHandlers(bareServiceContext('server', '/nowhere'));
    const got = await dispatch(handlers, 'settings.get', {});
    expect(got).toMatchObject({
      ok: true,
      data: { dataDir: '/nowhere', storage: 'unavailable', retention: { maxAgeDays: null } },
    });
    const set = await dispatch(handlers, 'settings.set', { retention: { maxAgeDays: 3 } });
    expect(set).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
