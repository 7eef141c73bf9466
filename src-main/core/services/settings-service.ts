import { ApiError } from '../../contract';
import type { ParsedInput, SettingsSet, SettingsView } from '../../contract';
import { createLogger } from '../logger';
import type { CloudEscalation } from '../privacy/egress-guard';
import { applySavedRetention } from '../replay/retention';
import { SettingsError, SettingsStore } from '../store/settings-store';
import { appDatabase, storageState } from './app-database';
import type { ServiceContext } from './context';

const log = createLogger('settings');

// `settings.get` / `settings.set`: the settings the core honours. Retention
// is applied as soon as it is saved; cloud escalation takes effect for the
// next request (chat and the OpenAI-compatible endpoint read it each time)
// and is saved for the next start.

export function getSettings(ctx: ServiceContext): SettingsView {
  const storage = storageState(ctx);
  const retention = { maxAgeDays: null, maxRecords: null } as SettingsView['retention'];
  if (storage !== 'unavailable') {
    const settings = new SettingsStore(appDatabase(ctx, 'read'));
    retention.maxAgeDays = settings.get('replay.max_age_days');
    retention.maxRecords = settings.get('replay.max_records');
  }
  return {
    dataDir: ctx.dataDir,
    retention,
    privacy: { cloudEscalation: ctx.cloudEscalation },
    storage,
  };
}

export function setSettings(ctx: ServiceContext, input: ParsedInput<'settings.set'>): SettingsSet {
  const db = appDatabase(ctx, 'write');
  const settings = new SettingsStore(db);
  let removed = 0;
  try {
    db.transaction(() => {
      const retention = input.retention ?? {};
      if (retention.maxAgeDays !== undefined)
        settings.set('replay.max_age_days', retention.maxAgeDays);
      if (retention.maxRecords !== undefined)
        settings.set('replay.max_records', retention.maxRecords);
      const escalation = input.privacy?.cloudEscalation;
      if (escalation !== undefined) settings.set('privacy.cloud_escalation', escalation);
    })();
  } catch (error) {
    if (error instanceof SettingsError) throw new ApiError('invalid_input', error.message);
    throw error;
  }
  const escalation = input.privacy?.cloudEscalation;
  if (escalation !== undefined && escalation !== ctx.cloudEscalation) {
    log.info({ from: ctx.cloudEscalation, to: escalation }, 'cloud escalation changed');
    ctx.cloudEscalation = escalation;
  }
  if (input.retention !== undefined) {
    removed = applySavedRetention(db).removed;
    if (removed > 0) log.info({ removed }, 'routing records removed by the new retention rule');
  }
  return { settings: getSettings(ctx), removed };
}

/** The cloud escalation the person saved, or null (none saved, or no database). */
export function savedCloudEscalation(ctx: ServiceContext): CloudEscalation | null {
  if (storageState(ctx) === 'unavailable') return null;
  return new SettingsStore(appDatabase(ctx, 'read')).get('privacy.cloud_escalation');
}
