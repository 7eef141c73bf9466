import { create } from 'zustand';
import type {
  ApiErrorData,
  HomelaneClient,
  ReplayFilters,
  ReplayListItem,
  RoutingRecordView,
} from '../../../../src-main/contract';

// The Replay page's state: the filters, the loaded pages of the list (keyset
// "load more"), the names the selects offer, and the open record. Calls go
// through the client the page attaches; an answer to an older request than
// the newest is dropped, so fast typing never shows a stale page.

const PAGE_SIZE = 50;

export type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiErrorData }
  | { status: 'ready'; records: ReplayListItem[]; nextCursor: string | null; more: MoreState };

export type MoreState = 'idle' | 'loading' | { error: ApiErrorData };

export type DetailState =
  | { status: 'loading'; id: string }
  | { status: 'error'; id: string; error: ApiErrorData }
  | { status: 'ready'; id: string; record: RoutingRecordView };

export interface FilterNames {
  decisions: string[];
  aliases: string[];
  lanes: string[];
}

interface ReplayStore {
  client: HomelaneClient | null;
  filters: ReplayFilters;
  /** The import being viewed (`replay.imports`); null for this machine's own records. */
  source: string | null;
  list: ListState;
  names: FilterNames;
  detail: DetailState | null;
  exporting: boolean;
  exportError: ApiErrorData | null;
  attach(client: HomelaneClient): void;
  setFilters(change: Partial<ReplayFilters>): void;
  clearFilters(): void;
  setSource(source: string | null): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  open(id: string): Promise<void>;
  close(): void;
  exportJsonl(): Promise<{ fileName: string; text: string } | null>;
}

let generation = 0;

const sourceOf = (source: string | null) => (source === null ? {} : { source });

/** The filters without empty values (a cleared select or search box). */
export function cleanFilters(filters: ReplayFilters): ReplayFilters {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out as ReplayFilters;
}

const realNames = (rows: { name: string }[]) =>
  rows.map((row) => row.name).filter((name) => name !== '(none)');

export const useReplayStore = create<ReplayStore>()((set, get) => ({
  client: null,
  filters: {},
  source: null,
  list: { status: 'loading' },
  names: { decisions: [], aliases: [], lanes: [] },
  detail: null,
  exporting: false,
  exportError: null,

  attach(client) {
    if (get().client === client) return;
    set({ client });
    void get().reload();
    void client.call('insights.get', {}).then((result) => {
      if (!result.ok) return;
      set({
        names: {
          decisions: realNames(result.data.by_decision),
          aliases: realNames(result.data.by_model),
          lanes: realNames(result.data.by_lane),
        },
      });
    });
  },

  setFilters(change) {
    set({ filters: cleanFilters({ ...get().filters, ...change }) });
    void get().reload();
  },

  clearFilters() {
    set({ filters: {} });
    void get().reload();
  },

  setSource(source) {
    set({ source, detail: null });
    void get().reload();
  },

  async reload() {
    const client = get().client;
    if (!client) return;
    const mine = ++generation;
    set({ list: { status: 'loading' } });
    const result = await client.call('replay.list', {
      ...get().filters,
      ...sourceOf(get().source),
      limit: PAGE_SIZE,
    });
    if (mine !== generation) return;
    set({
      list: result.ok
        ? {
            status: 'ready',
            records: result.data.records,
            nextCursor: result.data.nextCursor,
            more: 'idle',
          }
        : { status: 'error', error: result.error },
    });
  },

  async loadMore() {
    const { client, list } = get();
    if (!client || list.status !== 'ready' || !list.nextCursor || list.more === 'loading') return;
    const mine = generation;
    set({ list: { ...list, more: 'loading' } });
    const result = await client.call('replay.list', {
      ...get().filters,
      ...sourceOf(get().source),
      limit: PAGE_SIZE,
      cursor: list.nextCursor,
    });
    const now = get().list;
    if (mine !== generation || now.status !== 'ready') return;
    set({
      list: result.ok
        ? {
            status: 'ready',
            records: [...now.records, ...result.data.records],
            nextCursor: result.data.nextCursor,
            more: 'idle',
          }
        : { ...now, more: { error: result.error } },
    });
  },

  async open(id) {
    const client = get().client;
    if (!client) return;
    set({ detail: { status: 'loading', id } });
    const result = await client.call('replay.record', { recordId: id, ...sourceOf(get().source) });
    if (get().detail?.id !== id) return;
    set({
      detail: result.ok
        ? { status: 'ready', id, record: result.data.record }
        : { status: 'error', id, error: result.error },
    });
  },

  close() {
    set({ detail: null });
  },

  async exportJsonl() {
    const client = get().client;
    if (!client) return null;
    set({ exporting: true, exportError: null });
    const result = await client.call('replay.export', get().filters);
    set({ exporting: false, exportError: result.ok ? null : result.error });
    return result.ok ? { fileName: result.data.fileName, text: result.data.text } : null;
  },
}));
