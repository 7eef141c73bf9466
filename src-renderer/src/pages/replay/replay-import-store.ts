import { create } from 'zustand';
import type {
  ApiErrorData,
  HomelaneClient,
  ReplayImport,
  ReplayImportSet,
} from '../../../../src-main/contract';
import { REPLAY_IMPORT_MAX } from '../../../../src-main/contract/replay-import';

// Importing a replay export from the Replay page: the file picked, the
// import's report (counts and problems by line), and the imported sets the
// page can switch to.

export type ImportState =
  | { status: 'idle' }
  | { status: 'running'; fileName: string }
  | { status: 'done'; report: ReplayImport }
  | { status: 'error'; fileName: string; error: ApiErrorData };

interface ReplayImportStore {
  imports: ReplayImportSet[];
  state: ImportState;
  loadImports(client: HomelaneClient): Promise<void>;
  importFile(client: HomelaneClient, file: File): Promise<ReplayImport | null>;
  dismiss(): void;
}

export const useReplayImportStore = create<ReplayImportStore>()((set, get) => ({
  imports: [],
  state: { status: 'idle' },

  async loadImports(client) {
    const result = await client.call('replay.imports', {});
    if (result.ok) set({ imports: result.data.imports });
  },

  async importFile(client, file) {
    const fileName = file.name;
    if (file.size > REPLAY_IMPORT_MAX) {
      set({
        state: {
          status: 'error',
          fileName,
          error: {
            code: 'invalid_input',
            message: `${fileName} is larger than 8 MiB; import it with homelane replay import.`,
          },
        },
      });
      return null;
    }
    set({ state: { status: 'running', fileName } });
    const result = await client.call('replay.import', { text: await file.text(), fileName });
    if (!result.ok) {
      set({ state: { status: 'error', fileName, error: result.error } });
      return null;
    }
    set({ state: { status: 'done', report: result.data } });
    await get().loadImports(client);
    return result.data;
  },

  dismiss() {
    set({ state: { status: 'idle' } });
  },
}));
