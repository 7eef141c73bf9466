import { create } from 'zustand';
import type {
  ApiErrorData,
  HomelaneClient,
  TopologyGraph,
  TopologyTrace,
} from '../../../../src-main/contract';

// The Topology page's data: the graph of the profile in force, the node in
// focus, and the last "test a prompt" answer.

export type GraphState =
  | { status: 'loading' }
  | { status: 'ready'; graph: TopologyGraph }
  | { status: 'error'; error: ApiErrorData };

export type TestState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; trace: TopologyTrace }
  | { status: 'error'; error: ApiErrorData };

interface TopologyStore {
  graph: GraphState;
  test: TestState;
  focus: string | null;
  load(client: HomelaneClient): Promise<void>;
  runTest(client: HomelaneClient, text: string): Promise<void>;
  clearTest(): void;
  setFocus(id: string | null): void;
}

export const useTopologyStore = create<TopologyStore>((set) => ({
  graph: { status: 'loading' },
  test: { status: 'idle' },
  focus: null,
  async load(client) {
    set({ graph: { status: 'loading' }, focus: null });
    const result = await client.call('topology.get', {});
    set({
      graph: result.ok
        ? { status: 'ready', graph: result.data }
        : { status: 'error', error: result.error },
    });
  },
  async runTest(client, text) {
    set({ test: { status: 'running' } });
    const result = await client.call('topology.test', { text });
    set({
      test: result.ok
        ? { status: 'done', trace: result.data.trace }
        : { status: 'error', error: result.error },
    });
  },
  clearTest() {
    set({ test: { status: 'idle' } });
  },
  setFocus(focus) {
    set({ focus });
  },
}));
