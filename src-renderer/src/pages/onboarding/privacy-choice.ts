import { useEffect } from 'react';
import { create } from 'zustand';
import type { HomelaneClient } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';

// The cloud escalation choice of onboarding: read from the settings in force,
// saved through settings.set when the person continues.

export type CloudEscalationChoice = 'never' | 'allow' | 'ask';

interface PrivacyChoiceStore {
  choice: CloudEscalationChoice | null;
  inForce: CloudEscalationChoice | null;
  problem: string | null;
  load(client: HomelaneClient): Promise<void>;
  setChoice(choice: CloudEscalationChoice): void;
  /** Saves the choice; false (with `problem` set) when it could not be saved. */
  save(client: HomelaneClient): Promise<boolean>;
}

export const usePrivacyChoiceStore = create<PrivacyChoiceStore>((set, get) => ({
  choice: null,
  inForce: null,
  problem: null,
  async load(client) {
    const result = await client.call('settings.get', {});
    if (!result.ok) return set({ problem: result.error.message });
    const inForce = result.data.privacy.cloudEscalation;
    set((state) => ({ inForce, choice: state.choice ?? inForce, problem: null }));
  },
  setChoice: (choice) => set({ choice, problem: null }),
  async save(client) {
    const { choice, inForce } = get();
    if (choice === null || choice === inForce) return true;
    const result = await client.call('settings.set', { privacy: { cloudEscalation: choice } });
    if (!result.ok) {
      set({ problem: result.error.message });
      return false;
    }
    set({ inForce: result.data.settings.privacy.cloudEscalation, problem: null });
    return true;
  },
}));

export function usePrivacyChoice() {
  const client = useClient();
  const store = usePrivacyChoiceStore();
  const load = usePrivacyChoiceStore((s) => s.load);
  useEffect(() => {
    void load(client);
  }, [client, load]);
  return store;
}
