import type { PullProgress } from '../ml/download/download-progress';
import type { PullEvent } from '../ml/download/pull-events';

// How `homelane models pull` shows progress on stderr: on a terminal, one
// line redrawn with `\r` (bar, %, bytes, rate, ETA); otherwise (a log, a CI
// job) plain lines, one per file step and one every few seconds.

/** Bytes in decimal units, as the hub shows sizes: 950 B, 1.2 MB, 1.25 GB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${units[unit]}`;
}

/** Seconds as m:ss or h:mm:ss. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

const percent = (done: number, total: number) =>
  total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 100;

function rateAndEta(progress: PullProgress): string {
  const rate =
    progress.rateBytesPerSec === null ? '–/s' : `${formatBytes(progress.rateBytesPerSec)}/s`;
  const eta = progress.etaSeconds === null ? 'ETA –' : `ETA ${formatDuration(progress.etaSeconds)}`;
  return `${rate}  ${eta}`;
}

/** The redrawn terminal line. */
export function progressBarLine(progress: PullProgress, width = 24): string {
  const { done, total } = progress.overall;
  const filled = total > 0 ? Math.min(width, Math.floor((done * width) / total)) : width;
  const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
  return `[${bar}] ${String(percent(done, total)).padStart(3)}%  ${formatBytes(done)} / ${formatBytes(total)}  ${rateAndEta(progress)}  ${progress.file.path}`;
}

/** A plain periodic line. */
export function progressPlainLine(progress: PullProgress): string {
  const { done, total } = progress.overall;
  return `  ${percent(done, total)}%  ${formatBytes(done)} of ${formatBytes(total)}  ${rateAndEta(progress)}  (${progress.file.path})`;
}

export interface PullReporterOptions {
  /** stderr is a terminal: redraw one line. */
  tty: boolean;
  now?: () => number;
  /** Minimum ms between redraws on a terminal (default 100). */
  redrawMs?: number;
  /** Ms between plain progress lines (default 5000). */
  plainEveryMs?: number;
}

export interface PullReporter {
  onEvent(event: PullEvent): void;
  /** Ends a redrawn line (call on success and on failure). */
  finish(): void;
}

export function createPullReporter(
  write: (text: string) => void,
  options: PullReporterOptions,
): PullReporter {
  const now = options.now ?? (() => performance.now());
  const redrawMs = options.redrawMs ?? 100;
  const plainEveryMs = options.plainEveryMs ?? 5_000;
  let drawn = 0;
  let lastDraw = -Infinity;
  let last: PullProgress | null = null;

  const clearLine = () => {
    if (drawn > 0) write(`\r${' '.repeat(drawn)}\r`);
    drawn = 0;
  };
  /** A whole line of text; on a terminal it goes above the bar. */
  const say = (text: string) => {
    clearLine();
    write(`${text}\n`);
    if (options.tty && last) draw(last);
  };
  const draw = (progress: PullProgress) => {
    const line = progressBarLine(progress);
    write(`\r${line}${' '.repeat(Math.max(0, drawn - line.length))}`);
    drawn = line.length;
    lastDraw = now();
  };

  return {
    onEvent(event) {
      switch (event.type) {
        case 'listing':
          write(`listing ${event.repo}@${event.revision} on ${event.endpoint}\n`);
          return;
        case 'plan': {
          const checks = event.files.filter((f) => f.verify === 'size').map((f) => f.path);
          say(
            `pulling ${event.id}: ${event.files.length} file${event.files.length === 1 ? '' : 's'}, ${formatBytes(event.totalBytes)}`,
          );
          if (event.skippedOptional.length > 0)
            say(`  not in the repository (optional): ${event.skippedOptional.join(', ')}`);
          if (checks.length > 0)
            say(`  no sha256 published (not LFS), checked by size: ${checks.join(', ')}`);
          return;
        }
        case 'file-start':
          if (!options.tty) say(`  ${event.path} (${formatBytes(event.size)})`);
          return;
        case 'resume':
          say(`  resuming ${event.path} from ${formatBytes(event.fromByte)}`);
          return;
        case 'restart':
          say(`  starting ${event.path} over: ${event.reason}`);
          return;
        case 'progress':
          last = event.progress;
          if (options.tty) {
            if (now() - lastDraw >= redrawMs) draw(event.progress);
          } else if (now() - lastDraw >= plainEveryMs) {
            lastDraw = now();
            write(`${progressPlainLine(event.progress)}\n`);
          }
          return;
        case 'file-done':
          if (!options.tty)
            say(
              `  ${event.reused ? 'kept' : 'done'} ${event.path} (${event.verified === 'sha256' ? 'sha256 verified' : 'size checked'})`,
            );
          return;
        case 'installed':
          if (options.tty && last) {
            draw(last);
            write('\n');
            drawn = 0;
          }
          write(
            `installed ${event.id} in ${event.dir}${event.replaced ? ' (replaced the previous install)' : ''}\n`,
          );
          return;
      }
    },
    finish() {
      if (drawn > 0) write('\n');
      drawn = 0;
    },
  };
}
