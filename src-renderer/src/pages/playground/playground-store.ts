import { create } from 'zustand';
import type {
  ApiErrorData,
  HomelaneClient,
  PlaygroundMessage,
  PlaygroundProbes,
  PlaygroundRoute,
} from '../../../../src-main/contract';
import { PROBES_TEXT_MAX } from '../../../../src-main/contract/playground';

// The Playground's state: what is being composed (one prompt or a
// conversation), the last route answer, and the last probe run.

export type Tab = 'route' | 'probes';
export type ComposeMode = 'prompt' | 'conversation';

export type RouteState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; answer: PlaygroundRoute }
  | { status: 'error'; error: ApiErrorData };

export type ProbesState =
  | { status: 'idle' }
  | { status: 'running'; fileName: string }
  | { status: 'done'; report: PlaygroundProbes }
  | { status: 'error'; fileName: string; error: ApiErrorData };

interface PlaygroundStore {
  tab: Tab;
  mode: ComposeMode;
  prompt: string;
  turns: PlaygroundMessage[];
  route: RouteState;
  probes: ProbesState;
  failuresOnly: boolean;
  setTab(tab: Tab): void;
  setMode(mode: ComposeMode): void;
  setPrompt(prompt: string): void;
  setTurn(index: number, change: Partial<PlaygroundMessage>): void;
  addTurn(): void;
  removeTurn(index: number): void;
  setFailuresOnly(value: boolean): void;
  runRoute(client: HomelaneClient): Promise<void>;
  runProbes(client: HomelaneClient, file: File): Promise<void>;
}

/** The next turn's role: a conversation alternates user and assistant. */
export function nextRole(turns: readonly PlaygroundMessage[]): PlaygroundMessage['role'] {
  return turns.at(-1)?.role === 'user' ? 'assistant' : 'user';
}

/** Whether there is something to route in the current mode. */
export function canRoute(mode: ComposeMode, prompt: string, turns: readonly PlaygroundMessage[]) {
  if (mode === 'prompt') return prompt.trim() !== '';
  return turns.some((turn) => turn.role === 'user' && turn.content.trim() !== '');
}

export const usePlaygroundStore = create<PlaygroundStore>()((set, get) => ({
  tab: 'route',
  mode: 'prompt',
  prompt: '',
  turns: [{ role: 'user', content: '' }],
  route: { status: 'idle' },
  probes: { status: 'idle' },
  failuresOnly: false,

  setTab: (tab) => set({ tab }),
  setMode: (mode) => set({ mode }),
  setPrompt: (prompt) => set({ prompt }),
  setTurn: (index, change) =>
    set({ turns: get().turns.map((turn, i) => (i === index ? { ...turn, ...change } : turn)) }),
  addTurn: () => set({ turns: [...get().turns, { role: nextRole(get().turns), content: '' }] }),
  removeTurn: (index) => {
    const turns = get().turns.filter((_, i) => i !== index);
    set({ turns: turns.length > 0 ? turns : [{ role: 'user', content: '' }] });
  },
  setFailuresOnly: (failuresOnly) => set({ failuresOnly }),

  async runRoute(client) {
    const { mode, prompt, turns } = get();
    if (!canRoute(mode, prompt, turns) || get().route.status === 'running') return;
    set({ route: { status: 'running' } });
    const input =
      mode === 'prompt'
        ? { text: prompt.trim() }
        : { messages: turns.filter((turn) => turn.content.trim() !== '') };
    const result = await client.call('playground.route', input);
    set({
      route: result.ok
        ? { status: 'done', answer: result.data }
        : { status: 'error', error: result.error },
    });
  },

  async runProbes(client, file) {
    const fileName = file.name;
    if (file.size > PROBES_TEXT_MAX) {
      set({
        probes: {
          status: 'error',
          fileName,
          error: { code: 'invalid_input', message: 'The file is larger than 2 MiB.' },
        },
      });
      return;
    }
    set({ probes: { status: 'running', fileName }, failuresOnly: false });
    const text = await file.text();
    const result = await client.call('playground.probes', { text, fileName });
    set({
      probes: result.ok
        ? { status: 'done', report: result.data }
        : { status: 'error', fileName, error: result.error },
    });
  },
}));
