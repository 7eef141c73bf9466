import { create } from 'zustand';
import type { ApiErrorData, HomelaneClient, Insights } from '../../../../src-main/contract';
import type { RangeId } from './insights-range';
import { rangeInput } from './insights-range';

// The Insights page's state: the chosen range and the aggregate over it. An
// answer to an older request than the newest is dropped.

export type InsightsState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiErrorData }
  | { status: 'ready'; insights: Insights };

interface InsightsStore {
  client: HomelaneClient | null;
  range: RangeId;
  state: InsightsState;
  attach(client: HomelaneClient): void;
  setRange(range: RangeId): void;
  reload(): Promise<void>;
}

let generation = 0;

export const useInsightsStore = create<InsightsStore>()((set, get) => ({
  client: null,
  range: '7d',
  state: { status: 'loading' },

  attach(client) {
    if (get().client === client) return;
    set({ client });
    void get().reload();
  },

  setRange(range) {
    set({ range });
    void get().reload();
  },

  async reload() {
    const client = get().client;
    if (!client) return;
    const mine = ++generation;
    set({ state: { status: 'loading' } });
    const result = await client.call('insights.get', rangeInput(get().range));
    if (mine !== generation) return;
    set({
      state: result.ok
        ? { status: 'ready', insights: result.data }
        : { status: 'error', error: result.error },
    });
  },
}));
