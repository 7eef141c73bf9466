import { ApiError } from '../../contract';
import type { ReplayRecord } from '../../contract';
import { RecordStore } from '../replay/record-store';
import { requireChat } from './chat/chat-methods';
import type { ServiceContext } from './context';

// One routing record by id, as a chat reply's badge opens it: the full trace,
// the lanes tried, timings, tokens and cost. Reads only.

export function replayRecord(ctx: ServiceContext, input: { recordId: string }): ReplayRecord {
  const db = requireChat(ctx).database;
  if (!db.open) throw new ApiError('unavailable', 'The database is closed (the app is stopping).');
  const record = RecordStore.of(db).get(input.recordId);
  if (!record) {
    throw new ApiError(
      'not_found',
      `There is no routing record ${input.recordId} (the retention rule may have removed it).`,
    );
  }
  return { record };
}
