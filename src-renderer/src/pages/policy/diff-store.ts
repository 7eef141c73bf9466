import { create } from 'zustand';
import type { HomelaneClient, PolicyDiff, PolicyFormat } from '../../../../src-main/contract';
import { IDLE, LOADING, settled } from './async-state';
import type { AsyncState } from './async-state';

// The edit compared with the policy in force, and the edit it was made for
// (so the panel can say when the editor has moved on since).

interface DiffStore {
  state: AsyncState<PolicyDiff>;
  /** The edited text and form the shown diff answers for. */
  against: { text: string; format: PolicyFormat } | null;
  run(client: HomelaneClient, edited: { text: string; format: PolicyFormat }): Promise<void>;
}

export const useDiffStore = create<DiffStore>((set) => ({
  state: IDLE,
  against: null,
  async run(client, edited) {
    set({ state: LOADING, against: edited });
    const result = await client.call('policy.diff', edited);
    set({ state: settled(result) });
  },
}));
