import type Database from 'better-sqlite3';
import { ApiError } from '../../contract';
import type {
  ReplayExport,
  ReplayFilters,
  ReplayList,
  ReplayListInput,
  ReplayListItem,
} from '../../contract';
import { jsonlLines } from '../replay/export-jsonl';
import { RecordStore, RecordStoreError } from '../replay/record-store';
import type { RecordFilters } from '../replay/record-store';
import type { RoutingRecord } from '../replay/record-types';
import { requireChat } from './chat/chat-methods';
import type { ServiceContext } from './context';
import { withImport } from './replay-import-service';

// The Replay page's list and export: the record store's filters and keyset
// pages, as GET /api/v1/replay serves them, with list rows that leave out the
// bodies and the trace. Reads only.

export function openRecordsDatabase(ctx: ServiceContext): Database.Database {
  const db = requireChat(ctx).database;
  if (!db.open) throw new ApiError('unavailable', 'The database is closed (the app is stopping).');
  return db;
}

/** Refuses a time range whose end comes before its start. */
export function checkTimeRange(from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to))
    throw new ApiError('invalid_input', 'The end of the time range comes before its start.');
}

/** The store filters of the contract's filters (the alias is the store's `model`). */
export function storeFilters(filters: ReplayFilters): RecordFilters {
  checkTimeRange(filters.from, filters.to);
  const { alias, ...rest } = filters;
  const out: RecordFilters = {};
  for (const [key, value] of Object.entries({ ...rest, model: alias })) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

function listItem(record: RoutingRecord): ReplayListItem {
  return {
    id: record.id,
    created_at: record.created_at,
    conversation_id: record.conversation_id,
    decision: record.decision,
    confidence: record.confidence,
    selected_model: record.selected_model,
    lane_id: record.lane_id,
    locality: record.locality,
    private: record.private,
    lifecycle_state: record.lifecycle_state,
    streaming: record.streaming,
    duration_ms: record.duration_ms,
    total_tokens: record.total_tokens,
    actual_cost: record.actual_cost,
    cost_savings: record.cost_savings,
    currency: record.currency,
    prompt: record.prompt,
    prompt_truncated: record.prompt_truncated,
  };
}

export function listReplay(
  ctx: ServiceContext,
  input: ReplayListInput,
  records?: Database.Database,
): ReplayList {
  const { cursor, limit, source, ...filters } = input;
  if (source !== undefined) {
    const { source: _imported, ...rest } = input;
    return withImport(ctx, source, (db) => listReplay(ctx, rest, db));
  }
  const store = RecordStore.of(records ?? openRecordsDatabase(ctx));
  try {
    const page = store.list(storeFilters(filters), {
      ...(limit !== undefined ? { limit } : {}),
      ...(cursor !== undefined ? { cursor } : {}),
    });
    return { records: page.records.map(listItem), nextCursor: page.next_cursor };
  } catch (error) {
    if (error instanceof RecordStoreError && error.code === 'bad_cursor')
      throw new ApiError('invalid_input', error.message);
    throw error;
  }
}

export function exportReplay(
  ctx: ServiceContext,
  input: ReplayFilters,
  now: Date = new Date(),
): ReplayExport {
  const db = openRecordsDatabase(ctx);
  const lines = [
    ...jsonlLines(RecordStore.of(db), {
      filters: storeFilters(input),
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      now,
    }),
  ];
  const stamp = now.toISOString().slice(0, 19).replaceAll(':', '-');
  return {
    text: lines.join(''),
    fileName: `homelane-replay-${stamp}.jsonl`,
    count: lines.length - 1,
  };
}
