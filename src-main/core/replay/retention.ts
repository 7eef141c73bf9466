import type Database from 'better-sqlite3';

// Retention: records older than the age limit go, and at most `maxRecords`
// of the newest stay overall (each decision's own `max_records` is kept
// as records are written).

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
      const cutoff = now.getTime() - policy.maxAgeDays * 86_400_000;
      removed += db.prepare('DELETE FROM routing_records WHERE created_ms < ?').run(cutoff).changes;
    }
    if (policy.maxRecords !== undefined && policy.maxRecords >= 0) {
      removed += db
        .prepare(
          `DELETE FROM routing_records WHERE id IN (
             SELECT id FROM routing_records ORDER BY created_ms DESC, id DESC LIMIT -1 OFFSET ?)`,
        )
        .run(policy.maxRecords).changes;
    }
  })();
  return { removed };
}
