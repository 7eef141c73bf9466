import type Database from 'better-sqlite3';
import { SettingsStore } from '../store/settings-store';
import { seqOf } from './record-store';

// Retention: records older than the age limit go, and at most `maxRecords`
// of the newest stay overall (each decision's own `max_records` is kept
// as records are written). Both cuts are ranges of `seq`, the time order.

export interface RetentionPolicy {
  maxAgeDays?: number;
  maxRecords?: number;
}

export function applyRetention(
  db: Database.Database,
  policy: RetentionPolicy,
  now: Date = new Date(),
): { removed: number } {
  let removed = 0;
  db.transaction(() => {
    if (policy.maxAgeDays !== undefined && policy.maxAgeDays > 0) {
      const cutoff = seqOf(now.getTime() - policy.maxAgeDays * 86_400_000);
      removed += db.prepare('DELETE FROM routing_records WHERE seq < ?').run(cutoff).changes;
    }
    if (policy.maxRecords !== undefined && policy.maxRecords >= 0) {
      const cut = db
        .prepare('SELECT seq FROM routing_records ORDER BY seq DESC LIMIT 1 OFFSET ?')
        .get(policy.maxRecords) as { seq: number } | undefined;
      if (cut !== undefined) {
        removed += db.prepare('DELETE FROM routing_records WHERE seq <= ?').run(cut.seq).changes;
      }
    }
  })();
  return { removed };
}

/** Applies the person's saved retention settings (none saved: nothing is removed). */
export function applySavedRetention(
  db: Database.Database,
  now: Date = new Date(),
): { removed: number } {
  const settings = new SettingsStore(db);
  const maxAgeDays = settings.get('replay.max_age_days');
  const maxRecords = settings.get('replay.max_records');
  return applyRetention(
    db,
    {
      ...(maxAgeDays !== null ? { maxAgeDays } : {}),
      ...(maxRecords !== null ? { maxRecords } : {}),
    },
    now,
  );
}
