import type Database from 'better-sqlite3';
import { ApiError } from '../../contract';
import type { ReplayRecord } from '../../contract';
import { RecordStore } from '../replay/record-store';
import type { ServiceContext } from './context';
import { withImport } from './replay-import-service';
import { openRecordsDatabase } from './replay-list-service';

// One routing record by id, as a chat reply's badge opens it: the full trace,
// the lanes tried, timings, tokens and cost — from this machine's records,
// or from an import (`source`). Reads only.

export function replayRecord(
  ctx: ServiceContext,
  input: { recordId: string; source?: string | undefined },
): ReplayRecord {
  const { recordId, source } = input;
  if (source !== undefined) return withImport(ctx, source, (db) => recordIn(db, recordId));
  return recordIn(openRecordsDatabase(ctx), recordId);
}

function recordIn(db: Database.Database, recordId: string): ReplayRecord {
  const record = RecordStore.of(db).get(recordId);
  if (!record) {
    throw new ApiError(
      'not_found',
      `There is no routing record ${recordId} (the retention rule may have removed it).`,
    );
  }
  return { record };
}
