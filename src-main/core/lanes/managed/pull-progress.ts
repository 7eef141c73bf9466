// Docker's pull stream reports each layer separately; this folds those
// events into one picture for a progress bar.

export interface PullEvent {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
}

export interface PullProgress {
  layers: number;
  layersDone: number;
  downloadedBytes: number;
  /** Sum of the sizes the engine has announced so far (grows as layers start). */
  totalBytes: number;
  /** The last status line the engine sent. */
  status: string;
}

const DONE = new Set(['Pull complete', 'Already exists', 'Download complete']);

export class PullProgressTracker {
  private readonly layers = new Map<string, { current: number; total: number; done: boolean }>();
  private status = '';

  add(event: PullEvent): PullProgress {
    if (event.status) this.status = event.id ? `${event.id}: ${event.status}` : event.status;
    const id = event.id;
    // Events about the image as a whole carry its tag as the id and no progress.
    if (id && event.status && /^[0-9a-f]{12}$/.test(id)) {
      const layer = this.layers.get(id) ?? { current: 0, total: 0, done: false };
      const detail = event.progressDetail;
      if (event.status === 'Downloading' && detail) {
        layer.current = detail.current ?? layer.current;
        layer.total = detail.total ?? layer.total;
      }
      if (DONE.has(event.status)) {
        layer.done = true;
        if (layer.total > 0) layer.current = layer.total;
      }
      this.layers.set(id, layer);
    }
    return this.snapshot();
  }

  snapshot(): PullProgress {
    let downloadedBytes = 0;
    let totalBytes = 0;
    let layersDone = 0;
    for (const layer of this.layers.values()) {
      downloadedBytes += layer.current;
      totalBytes += layer.total;
      if (layer.done) layersDone++;
    }
    return {
      layers: this.layers.size,
      layersDone,
      downloadedBytes,
      totalBytes,
      status: this.status,
    };
  }
}
