import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_IDS } from '../../src-renderer/src/app/page-ids';
import { launchChromium, watchPageProblems } from '../support/chromium';
import { REPO_ROOT, startServe } from '../support/serve-process';
import type { ServeProcess } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';

// The renderer as a web app against `homelane serve`, in a real Chromium.
// Every page is visited and photographed; any console error fails the run.
const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const temp = makeTempDir();
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  serve = await startServe(['--port', '0', '--data-dir', join(temp.dir, 'data')]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  watchPageProblems(page, problems);
  await page.goto(serve.url);
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  temp.cleanup();
});

describe('web UI', () => {
  it('connects to the core over HTTP', async () => {
    await expect.poll(() => page.locator('.connection').getAttribute('data-status')).toBe('ready');
    expect(await page.locator('.connection').innerText()).toMatch(/Core \d+\.\d+\.\d+ · web/);
  });

  it.each(PAGE_IDS.map((id, index) => [id, index] as const))(
    'shows the %s page',
    async (id, index) => {
      await page.click(`nav a[data-page="${id}"]`);
      await page.waitForSelector(`main[data-page="${id}"] h1`);
      expect(page.url()).toContain(`#/${id}`);
      expect(await page.locator(`nav a[data-page="${id}"]`).getAttribute('aria-current')).toBe(
        'page',
      );
      const heading = await page.locator('main h1').innerText();
      expect(heading.length).toBeGreaterThan(0);
      await page.screenshot({
        path: join(SCREENSHOTS, `${String(index + 1).padStart(2, '0')}-${id}.png`),
      });
    },
  );

  it('lists the routing models on the lanes page, none installed', async () => {
    await page.click('nav a[data-page="lanes"]');
    const table = page.getByTestId('routing-models');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(7);
    expect(await table.innerText()).toContain('Not installed');
    expect(await page.locator('main').innerText()).toContain('lite mode');
    await page.screenshot({ path: join(SCREENSHOTS, '12-lanes-models.png'), fullPage: true });
  });

  it('shows app.info from the server on the settings page', async () => {
    await page.click('nav a[data-page="settings"]');
    const facts = page.getByTestId('app-info');
    await expect.poll(() => facts.innerText()).toContain(join(temp.dir, 'data'));
    const text = await facts.innerText();
    expect(text).toContain('Web (HTTP)');
    expect(text).toContain('homelane serve');
    expect(text).toContain('privacy (built-in recipes/privacy/config.yaml)');
  });

  it('switches to the dark theme and keeps it across a reload', async () => {
    await page.click('nav a[data-page="settings"]');
    await page.getByRole('radio', { name: 'Dark' }).click();
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.reload();
    await page.waitForSelector('main[data-page="settings"] h1');
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.screenshot({ path: join(SCREENSHOTS, '10-settings-dark.png') });
    await page.click('nav a[data-page="chat"]');
    await page.waitForSelector('main[data-page="chat"] h1');
    await page.screenshot({ path: join(SCREENSHOTS, '11-chat-dark.png') });
    await page.click('nav a[data-page="settings"]');
    await page.getByRole('radio', { name: 'System' }).click();
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
  });

  it('opens a page from its address', async () => {
    await page.goto(`${serve.url}#/insights`);
    await page.waitForSelector('main[data-page="insights"] h1');
    expect(await page.title()).toBe('Insights · Homelane');
  });

  it('logged no console errors, page errors or failed requests', () => {
    expect(problems).toEqual([]);
  });
});
