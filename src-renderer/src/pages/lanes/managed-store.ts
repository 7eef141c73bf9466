import { create } from 'zustand';
import type {
  ApiErrorData,
  HomelaneClient,
  ManagedLaneStatusView,
  ManagedLogs,
  ManagedProgress,
} from '../../../../src-main/contract';

// The managed containers on the Lanes page, by lane name: the container's
// state, the progress of a start (pushed events), a stop, the recent logs.

export interface ManagedEntry {
  status: ManagedLaneStatusView | null;
  statusError: ApiErrorData | null;
  /** The last progress event of a start. */
  progress: ManagedProgress | null;
  /** A start or stop asked from this page and not answered yet. */
  pending: 'up' | 'down' | null;
  actionError: ApiErrorData | null;
  logs: ManagedLogs['lines'] | null;
  logsAt: number | null;
  logsLoading: boolean;
  logsError: ApiErrorData | null;
}

const EMPTY: ManagedEntry = {
  status: null,
  statusError: null,
  progress: null,
  pending: null,
  actionError: null,
  logs: null,
  logsAt: null,
  logsLoading: false,
  logsError: null,
};

interface ManagedStore {
  entries: Readonly<Record<string, ManagedEntry>>;
  /** Follows start progress; returns the function that stops listening. */
  watch(client: HomelaneClient): () => void;
  refresh(client: HomelaneClient, name: string): Promise<void>;
  up(client: HomelaneClient, name: string): Promise<void>;
  down(client: HomelaneClient, name: string): Promise<void>;
  loadLogs(client: HomelaneClient, name: string, tail?: number): Promise<void>;
}

/** Whether a start is under way: asked, or reporting steps that have not ended. */
export function isStarting(entry: ManagedEntry): boolean {
  if (entry.pending === 'up') return true;
  // The progress events are the freshest word on a start this page has seen.
  const step = entry.progress?.step;
  if (step !== undefined) return step !== 'ready' && step !== 'failed';
  return entry.status?.operation === 'up';
}

export const useManagedStore = create<ManagedStore>((set, get) => {
  const patch = (name: string, change: Partial<ManagedEntry>) =>
    set({
      entries: { ...get().entries, [name]: { ...(get().entries[name] ?? EMPTY), ...change } },
    });
  return {
    entries: {},
    watch(client) {
      return client.subscribe('lanes.managed.progress', (progress) => {
        patch(progress.name, { progress, pending: null });
        if (progress.step === 'ready' || progress.step === 'failed')
          void get().refresh(client, progress.name);
      });
    },
    async refresh(client, name) {
      const result = await client.call('lanes.managed.status', { name });
      patch(
        name,
        result.ok
          ? { status: result.data, statusError: null }
          : { status: null, statusError: result.error },
      );
    },
    async up(client, name) {
      patch(name, { pending: 'up', actionError: null, progress: null });
      const result = await client.call('lanes.managed.up', { name });
      if (!result.ok) {
        patch(name, { pending: null, actionError: result.error });
        return;
      }
      // From here the status (operation "up") and the progress events tell.
      await get().refresh(client, name);
      patch(name, { pending: null });
    },
    async down(client, name) {
      patch(name, { pending: 'down', actionError: null });
      const result = await client.call('lanes.managed.down', { name });
      patch(
        name,
        result.ok
          ? { pending: null, status: result.data, statusError: null, progress: null }
          : { pending: null, actionError: result.error },
      );
    },
    async loadLogs(client, name, tail = 200) {
      patch(name, { logsLoading: true, logsError: null });
      const result = await client.call('lanes.managed.logs', { name, tail });
      patch(
        name,
        result.ok
          ? { logsLoading: false, logs: result.data.lines, logsAt: Date.now() }
          : { logsLoading: false, logsError: result.error },
      );
    },
  };
});

export function entryOf(entries: Readonly<Record<string, ManagedEntry>>, name: string) {
  return entries[name] ?? EMPTY;
}
