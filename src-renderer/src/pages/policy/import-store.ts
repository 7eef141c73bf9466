import { create } from 'zustand';
import type { HomelaneClient, PolicyFormat, ProfilePreview } from '../../../../src-main/contract';
import { PROFILE_TEXT_MAX } from '../../../../src-main/contract';
import { IDLE, LOADING, settled } from './async-state';
import type { AsyncState } from './async-state';
import { formatOfName } from './policy-format';

// Reading a policy to import: a file picked in the browser or a URL, read by
// the core (`profile.preview`), so its text and located problems can be seen
// before it replaces the edit. A DSL file needs no preview: the DSL editor
// checks it as soon as it holds it.

export type ImportMode = 'file' | 'url';

export interface ImportCandidate {
  /** Which side the text goes to. */
  format: PolicyFormat;
  /** The file name or the URL, as people read it. */
  from: string;
  text: string;
  bytes: number;
  /** The core's reading of a YAML config; null for DSL (the DSL editor checks it). */
  preview: ProfilePreview | null;
}

interface ImportStore {
  mode: ImportMode;
  url: string;
  state: AsyncState<ImportCandidate>;
  setMode(mode: ImportMode): void;
  setUrl(url: string): void;
  readFile(client: HomelaneClient, file: File): Promise<void>;
  fetchUrl(client: HomelaneClient): Promise<void>;
  clear(): void;
}

export const useImportStore = create<ImportStore>((set, get) => ({
  mode: 'file',
  url: '',
  state: IDLE,
  setMode(mode) {
    set({ mode, state: IDLE });
  },
  setUrl(url) {
    set({ url });
  },
  async readFile(client, file) {
    if (file.size > PROFILE_TEXT_MAX) {
      set({
        state: {
          status: 'error',
          error: { code: 'invalid_input', message: `${file.name} is larger than 5 MB.` },
        },
      });
      return;
    }
    set({ state: LOADING });
    const text = await file.text();
    const format = formatOfName(file.name);
    if (format === 'dsl') {
      set({
        state: {
          status: 'done',
          data: { format, from: file.name, text, bytes: file.size, preview: null },
        },
      });
      return;
    }
    const result = await client.call('profile.preview', { text, name: file.name });
    set({ state: candidateOf(settled(result), 'yaml', file.name) });
  },
  async fetchUrl(client) {
    const url = get().url.trim();
    if (url === '') return;
    set({ state: LOADING });
    const result = await client.call('profile.preview', { url });
    set({ state: candidateOf(settled(result), formatOfName(url), url) });
  },
  clear() {
    set({ state: IDLE });
  },
}));

function candidateOf(
  state: AsyncState<ProfilePreview>,
  format: PolicyFormat,
  from: string,
): AsyncState<ImportCandidate> {
  if (state.status !== 'done') return state;
  const { text, bytes } = state.data;
  // The preview reads YAML; for DSL text only its fetching is of use.
  const preview = format === 'yaml' ? state.data : null;
  return { status: 'done', data: { format, from, text, bytes, preview } };
}
