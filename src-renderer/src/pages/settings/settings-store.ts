import { create } from 'zustand';
import type {
  ApiErrorData,
  HomelaneClient,
  SettingsSetInput,
  SettingsView,
} from '../../../../src-main/contract';

// The settings the core keeps: read once, changed one section at a time.

type Load =
  | { status: 'loading' }
  | { status: 'ready'; settings: SettingsView }
  | { status: 'error'; error: ApiErrorData };

export type SaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved'; removed: number; at: number }
  | { status: 'failed'; error: ApiErrorData };

export const IDLE_SAVE: SaveState = { status: 'idle' };

interface SettingsStore {
  load: Load;
  /** By section: `retention`, `privacy`. */
  saves: Readonly<Record<string, SaveState>>;
  read(client: HomelaneClient): Promise<void>;
  save(
    client: HomelaneClient,
    section: 'retention' | 'privacy',
    change: SettingsSetInput,
  ): Promise<boolean>;
}

export const useSettingsStore = create<SettingsStore>((set, get) => ({
  load: { status: 'loading' },
  saves: {},
  async read(client) {
    const result = await client.call('settings.get', {});
    set({
      load: result.ok
        ? { status: 'ready', settings: result.data }
        : { status: 'error', error: result.error },
    });
  },
  async save(client, section, change) {
    set({ saves: { ...get().saves, [section]: { status: 'saving' } } });
    const result = await client.call('settings.set', change);
    if (!result.ok) {
      set({ saves: { ...get().saves, [section]: { status: 'failed', error: result.error } } });
      return false;
    }
    set({
      load: { status: 'ready', settings: result.data.settings },
      saves: {
        ...get().saves,
        [section]: { status: 'saved', removed: result.data.removed, at: Date.now() },
      },
    });
    return true;
  },
}));
