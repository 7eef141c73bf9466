import { create } from 'zustand';
import type { ApiErrorData, AppInfo, HomelaneClient } from '../../../src-main/contract';

type AppInfoState =
  | { status: 'loading' }
  | { status: 'ready'; info: AppInfo }
  | { status: 'error'; error: ApiErrorData };

interface AppInfoStore {
  state: AppInfoState;
  load(client: HomelaneClient): Promise<void>;
}

export const useAppInfoStore = create<AppInfoStore>((set) => ({
  state: { status: 'loading' },
  async load(client) {
    set({ state: { status: 'loading' } });
    const result = await client.call('app.info', {});
    set({
      state: result.ok
        ? { status: 'ready', info: result.data }
        : { status: 'error', error: result.error },
    });
  },
}));
