import { create } from 'zustand';
import type {
  ApiErrorData,
  HomelaneClient,
  PolicyVersion,
  PolicyVersionText,
} from '../../../../src-main/contract';
import { IDLE, LOADING, settled } from './async-state';
import type { AsyncState } from './async-state';

// The versions applied in the app, one of them opened to read, and a roll
// back to one of them.

interface HistoryStore {
  list: AsyncState<PolicyVersion[]>;
  /** The version opened to read. */
  viewing: { id: string; state: AsyncState<PolicyVersionText> } | null;
  rollback: { id: string; pending: boolean; error: ApiErrorData | null; done: boolean } | null;
  load(client: HomelaneClient): Promise<void>;
  view(client: HomelaneClient, id: string): Promise<void>;
  closeView(): void;
  /** Puts a version back in force; true when it did. */
  rollBack(client: HomelaneClient, id: string): Promise<boolean>;
}

export const useHistoryStore = create<HistoryStore>((set, get) => ({
  list: IDLE,
  viewing: null,
  rollback: null,
  async load(client) {
    if (get().list.status !== 'done') set({ list: LOADING });
    const result = await client.call('policy.history', {});
    set({
      list: result.ok
        ? { status: 'done', data: result.data.versions }
        : { status: 'error', error: result.error },
    });
  },
  async view(client, id) {
    set({ viewing: { id, state: LOADING } });
    const result = await client.call('policy.version', { id });
    if (get().viewing?.id === id) set({ viewing: { id, state: settled(result) } });
  },
  closeView() {
    set({ viewing: null });
  },
  async rollBack(client, id) {
    set({ rollback: { id, pending: true, error: null, done: false } });
    const result = await client.call('policy.rollback', { id });
    set({
      rollback: { id, pending: false, error: result.ok ? null : result.error, done: result.ok },
    });
    if (result.ok) {
      set({ viewing: null });
      await get().load(client);
    }
    return result.ok;
  },
}));
