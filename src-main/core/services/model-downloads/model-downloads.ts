import type { EventPayload, ModelVerifyResult } from '../../../contract';
import { createLogger } from '../../logger';
import type { CatalogEntry } from '../../ml/catalog/model-catalog';
import { ModelDownloadError } from '../../ml/download/download-error';
import type { HubSettings } from '../../ml/download/hub-settings';
import { pullModel } from '../../ml/download/pull-model';
import type { PullEvent } from '../../ml/download/pull-events';
import { verifyInstalledModel } from '../../ml/download/verify-installed';

const log = createLogger('models');

// The routing-model downloads of a running app. A pull runs in the
// background; what it reports becomes `models.progress` events, and its end
// one `models.done` or `models.error`. One download per model at a time.
// When the last running download has installed something, `onInstalled`
// lets the app rebuild its router so the new model is used.

type Progress = EventPayload<'models.progress'>;

export interface ModelDownloadsOptions {
  dataDir: string;
  emit: <E extends 'models.progress' | 'models.done' | 'models.error'>(
    name: E,
    payload: EventPayload<E>,
  ) => void;
  /** Resolved at each pull (the hub endpoint may come from the environment). */
  hub: () => HubSettings;
  /** The model as models.list shows it, for `models.done`. */
  describe: (id: string) => Promise<EventPayload<'models.done'>['model']>;
  onInstalled?: (ids: string[]) => Promise<void>;
  /** Milliseconds between progress events. */
  progressIntervalMs?: number;
}

export class ModelDownloads {
  private readonly running = new Map<
    string,
    { controller: AbortController; done: Promise<void> }
  >();
  private installedSinceIdle: string[] = [];

  constructor(private readonly options: ModelDownloadsOptions) {}

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Starts a download of each entry not already downloading; returns at once. */
  start(entries: readonly CatalogEntry[]): { started: string[]; running: string[] } {
    const started: string[] = [];
    const running: string[] = [];
    const hub = this.options.hub();
    for (const entry of entries) {
      if (this.running.has(entry.id)) {
        running.push(entry.id);
        continue;
      }
      const controller = new AbortController();
      const done = this.run(entry, hub, controller.signal).finally(() => {
        this.running.delete(entry.id);
        void this.settleIfIdle();
      });
      this.running.set(entry.id, { controller, done });
      started.push(entry.id);
    }
    return { started, running };
  }

  /** Stops a running download; false when none runs for `id`. */
  cancel(id: string): boolean {
    const pull = this.running.get(id);
    pull?.controller.abort();
    return pull !== undefined;
  }

  /** Stops every download and waits for them to end. */
  async close(): Promise<void> {
    const pulls = [...this.running.values()];
    for (const pull of pulls) pull.controller.abort();
    await Promise.all(pulls.map((pull) => pull.done));
  }

  /** Resolves when every download running now has ended. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((p) => p.done));
  }

  async verify(ids: readonly string[]): Promise<ModelVerifyResult[]> {
    const results: ModelVerifyResult[] = [];
    for (const id of ids) {
      if (this.running.has(id)) {
        results.push({ id, ok: false, problem: 'it is downloading now', files: [] });
        continue;
      }
      const result = await verifyInstalledModel(this.options.dataDir, id);
      results.push({
        id,
        ok: result.ok,
        problem: result.problem,
        files: result.files.map((file) => ({ path: file.path, status: file.status })),
      });
    }
    return results;
  }

  private async run(entry: CatalogEntry, hub: HubSettings, signal: AbortSignal): Promise<void> {
    const { emit } = this.options;
    let current: Progress = {
      id: entry.id,
      file: '',
      bytes: 0,
      total: entry.approx_size_bytes,
      phase: 'listing',
      rate: null,
    };
    const send = (patch: Partial<Progress>) => {
      current = { ...current, ...patch };
      emit('models.progress', current);
    };
    try {
      await pullModel({
        dataDir: this.options.dataDir,
        entry,
        hub,
        signal,
        ...(this.options.progressIntervalMs !== undefined
          ? { progressIntervalMs: this.options.progressIntervalMs }
          : {}),
        onEvent: (event) => progressOf(event, send),
      });
      this.installedSinceIdle.push(entry.id);
      emit('models.done', { id: entry.id, model: await this.options.describe(entry.id) });
    } catch (error) {
      const code = error instanceof ModelDownloadError ? error.code : 'unknown';
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ id: entry.id, code }, 'model download failed');
      emit('models.error', { id: entry.id, code, message });
    }
  }

  private async settleIfIdle(): Promise<void> {
    if (this.running.size > 0 || this.installedSinceIdle.length === 0) return;
    const ids = this.installedSinceIdle;
    this.installedSinceIdle = [];
    try {
      await this.options.onInstalled?.(ids);
    } catch (error) {
      log.error({ err: error, ids }, 'the router could not take up the new models');
    }
  }
}

/** What a pull reports, as the fields of a `models.progress` event. */
function progressOf(event: PullEvent, send: (patch: Partial<Progress>) => void): void {
  switch (event.type) {
    case 'listing':
      send({ phase: 'listing' });
      return;
    case 'plan':
      send({ phase: 'downloading', total: event.totalBytes, bytes: 0 });
      return;
    case 'file-start':
      send({ file: event.path });
      return;
    case 'progress':
      send({
        phase: 'downloading',
        file: event.progress.file.path,
        bytes: event.progress.overall.done,
        total: event.progress.overall.total,
        rate: event.progress.rateBytesPerSec,
      });
      return;
    case 'installed':
      send({ phase: 'installing' });
      return;
    default:
      return;
  }
}
