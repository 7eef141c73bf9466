import { createLogger } from '../core/logger';

const log = createLogger('external-links');

/** Whether `url` may be handed to the system browser: http and https only. */
export function isExternalWebUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host !== '';
}

export interface ExternalLinkGateOptions {
  /** Hands the URL to the system browser (shell.openExternal). */
  open(url: string): Promise<void>;
  now?: () => number;
  /** At most one link per this many milliseconds. */
  minIntervalMs?: number;
}

/**
 * Opens a link the page asked for in the system browser, only when it is an
 * http(s) URL and the person is at the window. Electron does not say whether
 * a navigation came from a click, so "the window has focus" and "one link per
 * second" stand in for it: a page cannot open a burst of tabs, or any while
 * the window is in the background.
 */
export class ExternalLinkGate {
  private last = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;
  private readonly minIntervalMs: number;

  constructor(private readonly options: ExternalLinkGateOptions) {
    this.now = options.now ?? Date.now;
    this.minIntervalMs = options.minIntervalMs ?? 1_000;
  }

  /** True when the link was handed to the system browser. */
  request(url: string, windowFocused: boolean): boolean {
    if (!isExternalWebUrl(url)) {
      log.warn({ scheme: url.split(':')[0] }, 'refused to open a link that is not http(s)');
      return false;
    }
    if (!windowFocused) {
      log.warn('refused to open a link while the window is in the background');
      return false;
    }
    const now = this.now();
    if (now - this.last < this.minIntervalMs) {
      log.warn('refused to open links in a burst');
      return false;
    }
    this.last = now;
    this.options.open(url).catch((error: unknown) => {
      log.warn({ err: error }, 'the system browser could not open a link');
    });
    return true;
  }
}
