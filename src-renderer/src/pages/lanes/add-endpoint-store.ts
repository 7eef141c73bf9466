import { create } from 'zustand';
import type {
  ApiErrorData,
  HomelaneClient,
  LanesList,
  LanesProbe,
} from '../../../../src-main/contract';

// Adding a server on the network: the address (and the name of its stored
// key, if it needs one) is probed; the person sees what answered, confirms
// or changes which alias goes to which served model, and saves.

export type LocalityChoice = '' | 'local' | 'lan' | 'cloud';

export interface AddEndpointState {
  open: boolean;
  url: string;
  apiKeySecret: string;
  probing: boolean;
  probe: LanesProbe | null;
  probeError: ApiErrorData | null;
  name: string;
  /** alias → served model id; an empty id leaves the alias out. */
  mapping: Record<string, string>;
  locality: LocalityChoice;
  saving: boolean;
  saveError: ApiErrorData | null;
}

interface AddEndpointStore extends AddEndpointState {
  setOpen(open: boolean): void;
  setUrl(url: string): void;
  setApiKeySecret(name: string): void;
  setName(name: string): void;
  setLocality(locality: LocalityChoice): void;
  map(alias: string, modelId: string): void;
  detect(client: HomelaneClient): Promise<void>;
  /** Saves; the lanes after, or null when it was refused (the reason is in saveError). */
  save(client: HomelaneClient): Promise<LanesList | null>;
}

const INITIAL: AddEndpointState = {
  open: false,
  url: '',
  apiKeySecret: '',
  probing: false,
  probe: null,
  probeError: null,
  name: '',
  mapping: {},
  locality: '',
  saving: false,
  saveError: null,
};

/** The entries that map an alias to a model. */
export function chosenMapping(mapping: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).filter(([, model]) => model !== ''));
}

export const useAddEndpointStore = create<AddEndpointStore>((set, get) => ({
  ...INITIAL,
  setOpen: (open) => set(open ? { ...INITIAL, open: true } : INITIAL),
  // A changed address needs a new probe.
  setUrl: (url) => set({ url, probe: null, probeError: null, saveError: null }),
  setApiKeySecret: (apiKeySecret) => set({ apiKeySecret, probe: null, probeError: null }),
  setName: (name) => set({ name, saveError: null }),
  setLocality: (locality) => set({ locality }),
  map: (alias, modelId) =>
    set({ mapping: { ...get().mapping, [alias]: modelId }, saveError: null }),
  async detect(client) {
    const { url, apiKeySecret } = get();
    set({ probing: true, probe: null, probeError: null, saveError: null });
    const result = await client.call('lanes.probe', {
      url,
      ...(apiKeySecret.trim() ? { apiKeySecret: apiKeySecret.trim() } : {}),
    });
    if (!result.ok) {
      set({ probing: false, probeError: result.error });
      return;
    }
    const probe = result.data;
    const mapping: Record<string, string> = {};
    for (const alias of probe.profileAliases) mapping[alias] = probe.suggestedAliases[alias] ?? '';
    set({ probing: false, probe, name: probe.suggestedName, mapping, locality: '' });
  },
  async save(client) {
    const { url, apiKeySecret, name, mapping, locality } = get();
    set({ saving: true, saveError: null });
    const result = await client.call('lanes.add', {
      url,
      aliases: chosenMapping(mapping),
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(apiKeySecret.trim() ? { apiKeySecret: apiKeySecret.trim() } : {}),
      ...(locality ? { locality } : {}),
    });
    if (!result.ok) {
      set({ saving: false, saveError: result.error });
      return null;
    }
    set(INITIAL);
    return result.data.lanes;
  },
}));
