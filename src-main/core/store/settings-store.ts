import type Database from 'better-sqlite3';
import { z } from 'zod';
import { createLogger } from '../logger';

const log = createLogger('settings');

// The person's settings in the app's database. Each known key has a schema
// and a default; a stored value that no longer fits (edited by hand, written
// by another version) is reported and read as the default, and left in place.

const SETTINGS = {
  /** Routing records older than this many days are removed; null keeps them. */
  'replay.max_age_days': z.number().int().positive().max(36_500).nullable(),
  /** At most this many routing records are kept overall; null means no limit. */
  'replay.max_records': z.number().int().nonnegative().nullable(),
  /** Where requests that are not private may go; null until the person chooses. */
  'privacy.cloud_escalation': z.enum(['never', 'allow', 'ask']).nullable(),
  /** When first-start onboarding was finished (ISO time); null until then. */
  'onboarding.completed_at': z.iso.datetime().nullable(),
} as const;

const DEFAULTS: { [K in SettingKey]: SettingValue<K> } = {
  'replay.max_age_days': null,
  'replay.max_records': null,
  'privacy.cloud_escalation': null,
  'onboarding.completed_at': null,
};

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]>;

export class SettingsError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export class SettingsStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get<K extends SettingKey>(key: K): SettingValue<K> {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    if (!row) return DEFAULTS[key];
    const parsed = SETTINGS[key].safeParse(JSON.parse(row.value));
    if (!parsed.success) {
      log.warn({ key }, 'a stored setting does not fit; using its default');
      return DEFAULTS[key];
    }
    return parsed.data as SettingValue<K>;
  }

  set<K extends SettingKey>(key: K, value: unknown): SettingValue<K> {
    const parsed = SETTINGS[key].safeParse(value);
    if (!parsed.success) {
      throw new SettingsError(
        key,
        `${key} cannot be ${JSON.stringify(value)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    }
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(parsed.data), this.now().toISOString());
    return parsed.data as SettingValue<K>;
  }

  all(): { [K in SettingKey]: SettingValue<K> } {
    return Object.fromEntries(SETTING_KEYS.map((key) => [key, this.get(key)])) as {
      [K in SettingKey]: SettingValue<K>;
    };
  }
}
