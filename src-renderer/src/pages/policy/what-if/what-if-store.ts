import { create } from 'zustand';
import type { HomelaneClient, PolicyFormat, PolicyWhatIf } from '../../../../../src-main/contract';
import { WHAT_IF_MAX_RECORDS } from '../../../../../src-main/contract';
import { IDLE, LOADING, settled } from '../async-state';
import type { AsyncState } from '../async-state';

// The what-if panel's state: the record limit chosen, the last run and the
// edit it was run for (so the panel can say when the editor moved on).

const DEFAULT_LIMIT = 1000;

interface WhatIfEdit {
  text: string;
  format: PolicyFormat;
}

interface WhatIfStore {
  state: AsyncState<PolicyWhatIf>;
  limit: number;
  /** The edit and limit the shown answer is for. */
  against: (WhatIfEdit & { limit: number }) | null;
  /** Takes whatever was typed; the store keeps a limit the contract accepts. */
  setLimit(limit: number): void;
  run(client: HomelaneClient, edit: WhatIfEdit): Promise<void>;
}

/** A limit the contract accepts, from whatever was typed. */
function clampLimit(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_LIMIT;
  return Math.min(Math.max(Math.round(value), 1), WHAT_IF_MAX_RECORDS);
}

export const useWhatIfStore = create<WhatIfStore>((set, get) => ({
  state: IDLE,
  limit: DEFAULT_LIMIT,
  against: null,
  setLimit(limit) {
    set({ limit: clampLimit(limit) });
  },
  async run(client, edit) {
    const against = { ...edit, limit: get().limit };
    set({ state: LOADING, against });
    const result = await client.call('policy.whatIf', against);
    // An answer for an older run is dropped.
    if (get().against === against) set({ state: settled(result) });
  },
}));
