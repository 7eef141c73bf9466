import { create } from 'zustand';
import type {
  ApiErrorData,
  HomelaneClient,
  PolicyFormat,
  PolicyWhatIf,
} from '../../../../../src-main/contract';
import { WHAT_IF_MAX_RECORDS } from '../../../../../src-main/contract';

// The what-if panel's state: the record limit chosen, the last run and the
// edit it was run for (so the panel can say when the editor moved on).

export const DEFAULT_LIMIT = 1000;

export type WhatIfState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; data: PolicyWhatIf }
  | { status: 'error'; error: ApiErrorData };

export interface WhatIfEdit {
  text: string;
  format: PolicyFormat;
}

interface WhatIfStore {
  state: WhatIfState;
  limit: number;
  /** The edit and limit the shown answer is for. */
  against: (WhatIfEdit & { limit: number }) | null;
  setLimit(limit: number): void;
  run(client: HomelaneClient, edit: WhatIfEdit): Promise<void>;
  reset(): void;
}

/** A limit the contract accepts, from whatever was typed. */
export function clampLimit(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_LIMIT;
  return Math.min(Math.max(Math.round(value), 1), WHAT_IF_MAX_RECORDS);
}

export const useWhatIfStore = create<WhatIfStore>((set, get) => ({
  state: { status: 'idle' },
  limit: DEFAULT_LIMIT,
  against: null,
  setLimit(limit) {
    set({ limit: clampLimit(limit) });
  },
  async run(client, edit) {
    const limit = get().limit;
    const against = { ...edit, limit };
    set({ state: { status: 'loading' }, against });
    const result = await client.call('policy.whatIf', { ...edit, limit });
    // An answer for an older run is dropped.
    if (get().against !== against) return;
    set({
      state: result.ok
        ? { status: 'done', data: result.data }
        : { status: 'error', error: result.error },
    });
  },
  reset() {
    set({ state: { status: 'idle' }, against: null });
  },
}));
