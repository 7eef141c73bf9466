import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

/** Debian's Chromium; HOMELANE_CHROMIUM points elsewhere. */
export const CHROMIUM_PATH = process.env['HOMELANE_CHROMIUM'] ?? '/usr/bin/chromium';

// Flags for a closed network: no background fetches, no first-run UI.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium with a fresh profile (playwright makes a new user-data dir). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM_PATH}. Install it (apt-get install -y chromium) or set HOMELANE_CHROMIUM.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}

/**
 * Collects what a page reports going wrong — console errors, page errors,
 * failed requests — into `problems`. Leaving a page that listens for events
 * closes the shared event stream on purpose; Chromium reports that as an
 * aborted request, which is not a problem.
 */
export function watchPageProblems(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'unknown';
    if (request.url().endsWith('/api/events') && reason === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} (${reason})`);
  });
}
