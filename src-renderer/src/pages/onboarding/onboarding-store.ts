import { create } from 'zustand';
import type {
  ApiErrorData,
  HomelaneClient,
  ProfileApply,
  ProfilePreview,
  ProfilePreviewInput,
} from '../../../../src-main/contract';
import { useAppInfoStore } from '../../state/app-info-store';
import { nextStep, previousStep } from './onboarding-steps';
import type { StepId } from './onboarding-steps';

// Onboarding's state: the step shown, the profile being previewed and
// applied, and what was set up on the way (for the last step's summary).
// Lane and key forms keep their own fields; they report what they saved.

export type ProfileMode = 'builtin' | 'file' | 'url';

export type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; preview: ProfilePreview }
  | { status: 'error'; error: ApiErrorData };

export type ApplyState =
  | { status: 'idle' }
  | { status: 'applying' }
  | { status: 'applied'; result: ProfileApply }
  | { status: 'error'; error: ApiErrorData };

interface OnboardingStore {
  step: StepId;
  mode: ProfileMode;
  url: string;
  preview: PreviewState;
  apply: ApplyState;
  /** What the lanes step saved: endpoint names, the managed lane, key names. */
  saved: { lanes: string[]; keys: string[] };
  goTo(step: StepId): void;
  next(): void;
  back(): void;
  setMode(mode: ProfileMode): void;
  setUrl(url: string): void;
  loadPreview(client: HomelaneClient, input: ProfilePreviewInput): Promise<void>;
  applyPreview(client: HomelaneClient): Promise<boolean>;
  noteSaved(kind: 'lanes' | 'keys', name: string): void;
}

/** Answers that arrive after the person asked for something else are dropped. */
let previewRequest = 0;

export const useOnboarding = create<OnboardingStore>((set, get) => ({
  step: 'profile',
  mode: 'builtin',
  url: '',
  preview: { status: 'idle' },
  apply: { status: 'idle' },
  saved: { lanes: [], keys: [] },

  goTo: (step) => set({ step }),
  next: () => set({ step: nextStep(get().step) }),
  back: () => set({ step: previousStep(get().step) }),

  setMode: (mode) => {
    previewRequest += 1;
    set({ mode, preview: { status: 'idle' }, apply: { status: 'idle' } });
  },
  setUrl: (url) => set({ url }),

  async loadPreview(client, input) {
    const request = ++previewRequest;
    set({ preview: { status: 'loading' }, apply: { status: 'idle' } });
    const result = await client.call('profile.preview', input);
    if (request !== previewRequest) return;
    set({
      preview: result.ok
        ? { status: 'ready', preview: result.data }
        : { status: 'error', error: result.error },
    });
  },

  async applyPreview(client) {
    const { preview } = get();
    if (preview.status !== 'ready' || !preview.preview.applicable) return false;
    set({ apply: { status: 'applying' } });
    const { text, source, name } = preview.preview;
    const safeName = name.replace(/[^\w .-]/g, '-').slice(0, 80);
    const result = await client.call('profile.apply', {
      text,
      source,
      ...(safeName ? { name: safeName } : {}),
    });
    set({
      apply: result.ok
        ? { status: 'applied', result: result.data }
        : { status: 'error', error: result.error },
    });
    // The profile in force changed: what the app says about it follows.
    if (result.ok) void useAppInfoStore.getState().load(client);
    return result.ok;
  },

  noteSaved: (kind, name) =>
    set((state) => ({
      saved: {
        ...state.saved,
        [kind]: state.saved[kind].includes(name) ? state.saved[kind] : [...state.saved[kind], name],
      },
    })),
}));
