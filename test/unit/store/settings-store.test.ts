import { describe, expect, it } from 'vitest';
import { applySavedRetention } from '../../../src-main/core/replay/retention';
import { SettingsError, SettingsStore } from '../../../src-main/core/store/settings-store';
import { useRecordDatabase } from '../../support/record-db';
import { sampleRecord } from '../../support/sample-record';

const data = useRecordDatabase();

describe('settings', () => {
  it('read as their defaults until set, then as set, kept in the database', () => {
    const settings = new SettingsStore(data.db);
    expect(settings.all()).toEqual({
      'replay.max_age_days': null,
      'replay.max_records': null,
      'privacy.cloud_escalation': null,
      'onboarding.completed_at': null,
    });
    settings.set('replay.max_age_days', 30);
    expect(new SettingsStore(data.db).get('replay.max_age_days')).toBe(30);
    settings.set('replay.max_age_days', null);
    expect(settings.get('replay.max_age_days')).toBeNull();
  });

  it('refuse a value that does not fit, naming the key, and keep the old one', () => {
    const settings = new SettingsStore(data.db);
    settings.set('replay.max_records', 500);
    expect(() => settings.set('replay.max_records', -1)).toThrow(SettingsError);
    expect(() => settings.set('replay.max_records', 'lots')).toThrow(/replay\.max_records/);
    expect(settings.get('replay.max_records')).toBe(500);
  });

  it('read a stored value that no longer fits as the default, and leave the row alone', () => {
    data.db
      .prepare(
        "INSERT INTO settings (key, value, updated_at) VALUES ('replay.max_records', '\"x\"', 'now')",
      )
      .run();
    expect(new SettingsStore(data.db).get('replay.max_records')).toBeNull();
    const row = data.db
      .prepare("SELECT value FROM settings WHERE key = 'replay.max_records'")
      .get();
    expect(row).toEqual({ value: '"x"' });
  });
});

describe('saved retention', () => {
  it('removes nothing when nothing is saved, then what the saved rules say', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    for (let day = 0; day < 10; day++) {
      data.store.insert(
        sampleRecord({
          created_at: new Date(now.getTime() - day * 86_400_000 - 1000).toISOString(),
        }),
      );
    }
    expect(applySavedRetention(data.db, now).removed).toBe(0);
    const settings = new SettingsStore(data.db);
    settings.set('replay.max_age_days', 7); // records 7, 8 and 9 days old go
    expect(applySavedRetention(data.db, now).removed).toBe(3);
    settings.set('replay.max_records', 5);
    expect(applySavedRetention(data.db, now).removed).toBe(2);
    expect(data.store.count()).toBe(5);
  });
});
