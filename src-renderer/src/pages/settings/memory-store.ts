import { create } from 'zustand';
import type { ApiErrorData, HomelaneClient, MemoryFact } from '../../../../src-main/contract';

// Personal memory on the Settings page: the facts, one edited at a time.

type Load =
  | { status: 'loading' }
  | { status: 'ready'; facts: MemoryFact[] }
  | { status: 'error'; error: ApiErrorData };

interface MemoryStore {
  load: Load;
  /** The fact being edited and its text so far. */
  editing: { id: number; text: string } | null;
  busy: number | null;
  error: { id: number; error: ApiErrorData } | null;
  read(client: HomelaneClient): Promise<void>;
  edit(id: number, text: string): void;
  cancel(): void;
  update(client: HomelaneClient): Promise<void>;
  forget(client: HomelaneClient, id: number): Promise<void>;
}

export const useMemoryStore = create<MemoryStore>((set, get) => {
  const facts = () => {
    const { load } = get();
    return load.status === 'ready' ? load.facts : [];
  };
  return {
    load: { status: 'loading' },
    editing: null,
    busy: null,
    error: null,
    async read(client) {
      const result = await client.call('memory.list', {});
      set({
        load: result.ok
          ? { status: 'ready', facts: result.data.facts }
          : { status: 'error', error: result.error },
      });
    },
    edit: (id, text) => set({ editing: { id, text }, error: null }),
    cancel: () => set({ editing: null, error: null }),
    async update(client) {
      const { editing } = get();
      if (!editing) return;
      set({ busy: editing.id, error: null });
      const result = await client.call('memory.update', { id: editing.id, fact: editing.text });
      if (!result.ok) {
        set({ busy: null, error: { id: editing.id, error: result.error } });
        return;
      }
      const fact = result.data.fact;
      set({
        busy: null,
        editing: null,
        load: {
          status: 'ready',
          facts: facts().map((entry) => (entry.id === fact.id ? fact : entry)),
        },
      });
    },
    async forget(client, id) {
      set({ busy: id, error: null });
      const result = await client.call('memory.forget', { id });
      if (!result.ok) {
        set({ busy: null, error: { id, error: result.error } });
        return;
      }
      set({
        busy: null,
        editing: get().editing?.id === id ? null : get().editing,
        load: { status: 'ready', facts: facts().filter((entry) => entry.id !== id) },
      });
    },
  };
});
