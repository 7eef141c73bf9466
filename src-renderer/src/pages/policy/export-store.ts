import { create } from 'zustand';
import type { HomelaneClient, PolicyExport, PolicyFormat } from '../../../../src-main/contract';
import { IDLE, LOADING, settled } from './async-state';
import type { AsyncState } from './async-state';

// A clean v0.3 config for upstream: of the edit when one is given, else of
// the policy in force.

export type ExportSubject = 'edit' | 'active';

interface ExportStore {
  state: AsyncState<PolicyExport>;
  subject: ExportSubject;
  run(client: HomelaneClient, edit: { text: string; format: PolicyFormat } | null): Promise<void>;
}

export const useExportStore = create<ExportStore>((set) => ({
  state: IDLE,
  subject: 'active',
  async run(client, edit) {
    set({ state: LOADING, subject: edit ? 'edit' : 'active' });
    const result = await client.call('policy.export', edit ?? {});
    set({ state: settled(result) });
  },
}));
