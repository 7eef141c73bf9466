import { create } from 'zustand';
import type { ApiErrorData, HomelaneClient, SecretsList } from '../../../../src-main/contract';

// API keys on the Settings page: names and where each is kept. A value is
// typed, sent once and forgotten here; nothing ever reads one back.

type Load =
  | { status: 'loading' }
  | { status: 'ready'; list: SecretsList }
  | { status: 'error'; error: ApiErrorData };

export type KeyAction =
  | { status: 'idle' }
  | { status: 'busy' }
  | { status: 'done'; message: string }
  | { status: 'failed'; error: ApiErrorData };

export const IDLE_ACTION: KeyAction = { status: 'idle' };

interface KeysStore {
  load: Load;
  /** By key name (and `new` for the add form). */
  actions: Readonly<Record<string, KeyAction>>;
  read(client: HomelaneClient): Promise<void>;
  /** Stores a value; true when it was stored. */
  store(client: HomelaneClient, slot: string, name: string, value: string): Promise<boolean>;
  remove(client: HomelaneClient, name: string): Promise<void>;
}

export const useKeysStore = create<KeysStore>((set, get) => {
  const act = (slot: string, action: KeyAction) =>
    set({ actions: { ...get().actions, [slot]: action } });
  return {
    load: { status: 'loading' },
    actions: {},
    async read(client) {
      const result = await client.call('secrets.list', {});
      set({
        load: result.ok
          ? { status: 'ready', list: result.data }
          : { status: 'error', error: result.error },
      });
    },
    async store(client, slot, name, value) {
      act(slot, { status: 'busy' });
      const result = await client.call('secrets.set', { name, value });
      if (!result.ok) {
        act(slot, { status: 'failed', error: result.error });
        return false;
      }
      act(slot, {
        status: 'done',
        message: result.data.overriddenByEnv
          ? `Stored ${name}; the environment variable ${name} is set and is used instead.`
          : `Stored ${name}.`,
      });
      await get().read(client);
      return true;
    },
    async remove(client, name) {
      act(name, { status: 'busy' });
      const result = await client.call('secrets.remove', { name });
      if (!result.ok) {
        act(name, { status: 'failed', error: result.error });
        return;
      }
      act(name, { status: 'idle' });
      await get().read(client);
    },
  };
});
