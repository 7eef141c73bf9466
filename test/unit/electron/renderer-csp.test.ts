import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAppFile } from '../../../src-main/electron/app-protocol';
import { CHROMIUM_PATH, launchChromium, watchPageProblems } from '../../support/chromium';

// The built renderer as the desktop app serves it: every file through the
// app scheme's handler, with its Content-Security-Policy header, in a real
// Chromium. A stand-in for the preload's bridge (window.homelane) answers
// app.info and lets the test push `app.core` events as main would.
// (Chromium cannot open the app's own scheme, so requests to
// http://localhost/ are routed to the handler; localhost is a secure context,
// as the registered scheme is.)

const ROOT = resolve('out/renderer');
const ready = existsSync(resolve(ROOT, 'index.html')) && existsSync(CHROMIUM_PATH);

const BRIDGE = `
  const listeners = new Set();
  // The Policy page opens its editors (CodeMirror) on the policy in force.
  const active = { profile: { name: 'sample', source: 'stand-in' }, yaml: 'version: v0.3\\n',
    dsl: 'ROUTE everyday {\\n  PRIORITY 0\\n  MODEL "local/small"\\n}\\n', dslProblems: [],
    appliedAt: null };
  const info = { name: 'Homelane', version: '0.1.0', runtime: 'electron', dataDir: '/data',
    profile: active.profile, platform: 'linux-x64', nodeVersion: '22', cloudEscalation: 'allow',
    database: { state: 'ok', problem: null } };
  window.homelane = {
    call: async (method) => method === 'app.info'
      ? { ok: true, data: info }
      : method === 'policy.active'
      ? { ok: true, data: active }
      : { ok: false, error: { code: 'unavailable', message: 'stand-in bridge' } },
    onEvent: (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
  };
  window.pushCoreStatus = (payload) => {
    for (const listener of listeners) listener({ name: 'app.core', payload });
  };
`;

let browser: Browser;
let page: Page;
const problems: string[] = [];

async function open(policy?: (csp: string) => string): Promise<Page> {
  const fresh = await browser.newPage();
  await fresh.addInitScript(BRIDGE);
  await fresh.route('http://localhost/**', async (route) => {
    const url = route.request().url().replace('http://localhost/', 'homelane://app/');
    const response = await serveAppFile(url, ROOT);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    const csp = headers['content-security-policy'] ?? '';
    if (policy) headers['content-security-policy'] = policy(csp);
    await route.fulfill({
      status: response.status,
      headers,
      body: Buffer.from(await response.arrayBuffer()),
    });
  });
  return fresh;
}

async function visitEveryPage(target: Page): Promise<void> {
  await target.goto('http://localhost/index.html');
  await target.waitForSelector('.connection[data-status="ready"]');
  const pages = await target
    .locator('nav a')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  expect(pages.length).toBeGreaterThan(3);
  for (const hash of pages) {
    await target.goto(`http://localhost/index.html${hash}`);
    await target.waitForTimeout(300);
  }
  // The policy editor (CodeMirror) mounts its theme as <style> elements.
  await target.goto('http://localhost/index.html#/policy');
  await target.waitForSelector('.cm-editor', { timeout: 15_000 });
}

beforeAll(async () => {
  if (!ready) return;
  browser = await launchChromium();
  page = await open();
  watchPageProblems(page, problems);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!ready)(
  'the renderer under the desktop CSP (needs out/renderer and Chromium)',
  () => {
    it('runs every page with no CSP violation or page error', async () => {
      await visitEveryPage(page);
      expect(problems).toEqual([]);
    }, 60_000);

    it('needs style-src unsafe-inline: without it, Chromium refuses an inline style', async () => {
      const strict = await open((csp) => csp.replace(" 'unsafe-inline'", ''));
      const refused: string[] = [];
      watchPageProblems(strict, refused);
      await visitEveryPage(strict);
      const styleRefused = () =>
        refused.some((problem) => /Content Security Policy directive 'style-src/.test(problem));
      await expect.poll(styleRefused).toBe(true);
      await strict.close();
    }, 60_000);

    it('shows in the sidebar when the core restarts or stops, and recovers', async () => {
      await page.goto('http://localhost/index.html#/chat');
      const status = page.locator('.connection');
      await expect.poll(() => status.getAttribute('data-status')).toBe('ready');
      const push = (payload: unknown) =>
        page.evaluate((value) => {
          (window as unknown as { pushCoreStatus(p: unknown): void }).pushCoreStatus(value);
        }, payload);
      await push({
        state: 'restarting',
        message: 'The Homelane core stopped unexpectedly (exit code 9); restarting it…',
      });
      await expect.poll(() => status.innerText()).toBe('Core restarting…');
      expect(await status.getAttribute('title')).toBe(
        'The Homelane core stopped unexpectedly (exit code 9); restarting it…',
      );
      await push({ state: 'failed', message: 'It stopped 4 times.' });
      await expect.poll(() => status.getAttribute('data-status')).toBe('failed');
      expect(await status.innerText()).toBe('Core stopped');
      await push({ state: 'ready', message: null });
      await expect.poll(() => status.innerText()).toBe('Core 0.1.0 · desktop');
    }, 30_000);
  },
);
