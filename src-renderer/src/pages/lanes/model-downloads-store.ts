import { create } from 'zustand';
import type {
  ApiErrorData,
  HomelaneClient,
  ModelsList,
  ModelsProgress,
  ModelVerifyResult,
} from '../../../../src-main/contract';

// The routing models and their downloads, shared by the Lanes & models page
// and onboarding: a download started on one page keeps its progress on the
// other. `models.progress`, `models.done` and `models.error` are listened to
// while any page that shows models is open.

export type DownloadView =
  | (Pick<ModelsProgress, 'phase' | 'bytes' | 'total' | 'file' | 'rate'> & { state: 'running' })
  | { state: 'done' }
  | { state: 'failed'; error: { code: string; message: string } };

export type VerifyView =
  | { state: 'running' }
  | { state: 'done'; result: ModelVerifyResult }
  | { state: 'failed'; error: ApiErrorData };

export type ListState =
  | { status: 'loading' }
  | { status: 'ready'; list: ModelsList }
  | { status: 'error'; error: ApiErrorData };

interface ModelDownloadsState {
  list: ListState;
  downloads: Record<string, DownloadView>;
  verifies: Record<string, VerifyView>;
  /** Listens to the download events (counted: the last page to leave stops listening). */
  attach(client: HomelaneClient): () => void;
  load(client: HomelaneClient): Promise<void>;
  pull(client: HomelaneClient, ids: string[]): Promise<void>;
  verify(client: HomelaneClient, id: string): Promise<void>;
}

let attached = 0;
let detach: (() => void) | undefined;

export const useModelDownloads = create<ModelDownloadsState>((set, get) => {
  const setDownload = (id: string, view: DownloadView) =>
    set((state) => ({ downloads: { ...state.downloads, [id]: view } }));

  return {
    list: { status: 'loading' },
    downloads: {},
    verifies: {},

    attach(client) {
      attached += 1;
      if (attached === 1) {
        const stops = [
          client.subscribe('models.progress', (event) =>
            setDownload(event.id, {
              state: 'running',
              phase: event.phase,
              bytes: event.bytes,
              total: event.total,
              file: event.file,
              rate: event.rate,
            }),
          ),
          client.subscribe('models.done', (event) => {
            setDownload(event.id, { state: 'done' });
            set((state) =>
              state.list.status === 'ready'
                ? {
                    list: {
                      status: 'ready',
                      list: {
                        ...state.list.list,
                        models: state.list.list.models.map((model) =>
                          model.id === event.id ? event.model : model,
                        ),
                      },
                    },
                  }
                : {},
            );
          }),
          client.subscribe('models.error', (event) =>
            setDownload(event.id, {
              state: 'failed',
              error: { code: event.code, message: event.message },
            }),
          ),
        ];
        detach = () => stops.forEach((stop) => stop());
      }
      return () => {
        attached -= 1;
        if (attached === 0) {
          detach?.();
          detach = undefined;
        }
      };
    },

    async load(client) {
      if (get().list.status !== 'ready') set({ list: { status: 'loading' } });
      const result = await client.call('models.list', {});
      set({
        list: result.ok
          ? { status: 'ready', list: result.data }
          : { status: 'error', error: result.error },
      });
    },

    async pull(client, ids) {
      for (const id of ids) {
        setDownload(id, {
          state: 'running',
          phase: 'listing',
          bytes: 0,
          total: 0,
          file: '',
          rate: null,
        });
      }
      const result = await client.call('models.pull', { ids });
      if (!result.ok) {
        for (const id of ids)
          setDownload(id, {
            state: 'failed',
            error: { code: result.error.code, message: result.error.message },
          });
      }
    },

    async verify(client, id) {
      set((state) => ({ verifies: { ...state.verifies, [id]: { state: 'running' } } }));
      const result = await client.call('models.verify', { ids: [id] });
      const view: VerifyView = result.ok
        ? {
            state: 'done',
            result: result.data.models[0] ?? { id, ok: false, problem: 'not checked', files: [] },
          }
        : { state: 'failed', error: result.error };
      set((state) => ({ verifies: { ...state.verifies, [id]: view } }));
    },
  };
});
