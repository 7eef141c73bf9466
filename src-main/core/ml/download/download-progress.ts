// Progress of a model pull: bytes per file and overall, the transfer rate
// over a sliding window, and the time left at that rate. Bytes that were
// already on disk (a resumed partial, a file staged by an earlier attempt)
// count as done but not towards the rate.

export interface PullProgress {
  file: { path: string; done: number; total: number };
  overall: { done: number; total: number };
  /** Bytes per second over the last few seconds; null until there is enough to say. */
  rateBytesPerSec: number | null;
  /** Seconds left at the current rate; null when the rate is unknown. */
  etaSeconds: number | null;
}

interface Sample {
  at: number;
  transferred: number;
}

export const RATE_WINDOW_MS = 5_000;
const SAMPLE_EVERY_MS = 100;
const MIN_SPAN_MS = 200;

export class ProgressTracker {
  private path = '';
  private fileTotal = 0;
  private fileDone = 0;
  private overallDone = 0;
  private transferred = 0;
  private samples: Sample[] = [];

  constructor(
    private readonly overallTotal: number,
    private readonly now: () => number = () => performance.now(),
    private readonly windowMs = RATE_WINDOW_MS,
  ) {}

  startFile(path: string, total: number): void {
    this.path = path;
    this.fileTotal = total;
    this.fileDone = 0;
  }

  /** Bytes of the current file that were already on disk. */
  alreadyHave(bytes: number): void {
    this.fileDone += bytes;
    this.overallDone += bytes;
  }

  /** A request is about to start: the rate is measured from here. */
  markTransferStart(): void {
    this.samples.push({ at: this.now(), transferred: this.transferred });
  }

  /** Bytes that just arrived over the network. */
  transfer(bytes: number): void {
    this.fileDone += bytes;
    this.overallDone += bytes;
    this.transferred += bytes;
    const at = this.now();
    const last = this.samples[this.samples.length - 1];
    if (!last || at - last.at >= SAMPLE_EVERY_MS)
      this.samples.push({ at, transferred: this.transferred });
  }

  /** The server ignored a resume request: the file starts again from zero. */
  restartFile(): void {
    this.overallDone -= this.fileDone;
    this.fileDone = 0;
  }

  private rate(at: number): number | null {
    // Keep one sample older than the window as the anchor of the span.
    while (this.samples.length > 1 && (this.samples[1]?.at ?? at) <= at - this.windowMs)
      this.samples.shift();
    const anchor = this.samples[0];
    if (!anchor) return null;
    const span = at - anchor.at;
    if (span < MIN_SPAN_MS) return null;
    return ((this.transferred - anchor.transferred) * 1000) / span;
  }

  snapshot(): PullProgress {
    const rate = this.rate(this.now());
    const left = Math.max(0, this.overallTotal - this.overallDone);
    return {
      file: { path: this.path, done: this.fileDone, total: this.fileTotal },
      overall: { done: this.overallDone, total: this.overallTotal },
      rateBytesPerSec: rate,
      etaSeconds: rate !== null && rate > 0 ? left / rate : left === 0 ? 0 : null,
    };
  }
}
