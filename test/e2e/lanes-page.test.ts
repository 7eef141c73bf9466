import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REFERENCE_IMAGE,
  REFERENCE_NETWORK,
  defaultManagedLaneSpec,
} from '../../src-main/core/lanes/managed/managed-lane-spec';
import { launchChromium, watchPageProblems } from '../support/chromium';
import { REPO_ROOT, startServe } from '../support/serve-process';
import type { ServeProcess } from '../support/serve-process';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// The lanes page in a real Chromium against `homelane serve`, whose saved
// lanes point at the stand-in LLM (two LAN endpoints) and at a managed
// container whose port nobody listens on. The stand-in is made to fail and
// heal; the page must follow without being reloaded.

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const temp = makeTempDir('homelane-lanes-page-');
const dataDir = join(temp.dir, 'data');
const brokenDataDir = join(temp.dir, 'broken');
const emptyPolicy = join(temp.dir, 'no-lanes.yaml');
let llm: StandInLlm;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const BOX_SMALL = 'local/small@box';
const BOX_BIG = 'cloud/big@box';
const OFFICE_SMALL = 'local/small@office';
const MANAGED = 'local/managed@vllm';
// Long names must wrap inside their cells, never widen the table.
const LONG_ALIAS = 'research/long-context-assistant-with-a-remarkably-long-alias-name';
const LONG_MODEL = 'stand-in-large-with-an-unusually-long-upstream-model-identifier-v2.1-fp8';

function closedPort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

function watch(target: Page): void {
  watchPageProblems(target, problems);
}

/** The whole page: the app scrolls inside <main>, so the viewport grows to fit it first. */
async function shoot(target: Page, name: string, cardName?: string): Promise<void> {
  const height = await target.evaluate(() => document.querySelector('main')?.scrollHeight ?? 0);
  await target.setViewportSize({ width: 1280, height: Math.max(800, height) });
  await target.screenshot({ path: join(SCREENSHOTS, name) });
  // The lanes card alone, at full size, to read the details.
  if (cardName) await target.getByTestId('lanes').screenshot({ path: join(SCREENSHOTS, cardName) });
  await target.setViewportSize({ width: 1280, height: 800 });
}

const row = (laneId: string): Locator => page.locator(`tr.lane-row[data-lane-id="${laneId}"]`);
const health = (laneId: string) => row(laneId).locator('.health-badge').getAttribute('data-health');
const locality = (laneId: string) =>
  row(laneId).locator('.locality-badge').getAttribute('data-locality');
const detail = (laneId: string) => page.locator(`tr.lane-row__detail[data-lane-id="${laneId}"]`);

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  llm = await startStandInLlm();
  const managed = defaultManagedLaneSpec(['local/managed'], {
    env: { VLLM_PORT: String(await closedPort()) },
    home: temp.dir,
  });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    join(dataDir, 'lanes.json'),
    JSON.stringify({
      version: 1,
      lan: [
        {
          name: 'box',
          baseUrl: `${llm.url}/v1`,
          kind: 'vllm',
          aliases: { 'local/small': 'stand-in-small', 'cloud/big': 'stand-in-large' },
        },
        {
          name: 'office',
          baseUrl: `${llm.url}/v1`,
          kind: 'llama.cpp',
          aliases: { 'local/small': 'stand-in-small', [LONG_ALIAS]: LONG_MODEL },
          locality: 'lan',
        },
      ],
      managed: [managed],
    }),
  );
  mkdirSync(brokenDataDir, { recursive: true });
  writeFileSync(join(brokenDataDir, 'lanes.json'), '{ "version": 1, "lan": [ oops');
  // A policy without lanes of its own, so the page shows exactly the saved ones.
  writeFileSync(emptyPolicy, 'version: v0.3\nrouting:\n  decisions: []\n');

  serve = await startServe(['--port', '0', '--data-dir', dataDir, '--config', emptyPolicy]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  watch(page);
  await page.goto(`${serve.url}#/lanes`);
  await page.waitForSelector('main[data-page="lanes"] [data-testid="lanes"]');
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await llm?.stop();
  temp.cleanup();
});

describe('lanes page (web UI against homelane serve)', () => {
  it('shows the lanes card before the routing models', async () => {
    const cards = page.locator('main .stack > *');
    expect(await cards.first().getAttribute('data-testid')).toBe('lanes');
    expect(await page.getByTestId('routing-models').count()).toBe(1);
  });

  it('lists every lane grouped by alias, with its locality, origin, model and endpoint', async () => {
    expect(await page.locator('tr.lane-row').count()).toBe(5);
    const aliases = await page
      .locator('[data-testid="lanes"] tbody')
      .evaluateAll((groups) => groups.map((group) => group.getAttribute('data-alias')));
    expect(aliases).toEqual(['cloud/big', 'local/managed', 'local/small', LONG_ALIAS]);

    expect(await locality(BOX_SMALL)).toBe('local');
    expect(await locality(OFFICE_SMALL)).toBe('lan');
    expect(await locality(MANAGED)).toBe('local');
    expect(await row(OFFICE_SMALL).locator('.locality-badge').innerText()).toBe('LAN');
    expect(await row(OFFICE_SMALL).locator('.locality-badge').getAttribute('title')).toContain(
      'set explicitly',
    );
    expect(await row(MANAGED).locator('.locality-badge').getAttribute('title')).toContain(
      'managed container',
    );

    const big = await row(BOX_BIG).innerText();
    expect(big).toContain('LAN: box');
    expect(big).toContain('stand-in-large');
    expect(big).toContain(`${llm.url}/v1`);
    expect(await row(MANAGED).innerText()).toContain('managed: vllm');
  });

  it('wraps long ids and model names instead of overflowing', async () => {
    const id = `${LONG_ALIAS}@office`;
    expect(await row(id).locator('.lane-row__id').getAttribute('title')).toBe(id);
    expect(await row(id).innerText()).toContain(LONG_MODEL);
    const overflow = await page.evaluate(
      () =>
        [...document.querySelectorAll('main, main .card')].filter(
          (element) => element.scrollWidth > element.clientWidth + 1,
        ).length,
    );
    expect(overflow).toBe(0);
  });

  it('lists the LAN endpoints and the managed container', async () => {
    const endpoints = await page.getByTestId('lan-endpoints').innerText();
    expect(endpoints).toContain('box');
    expect(endpoints).toContain('office');
    expect(endpoints).toContain('llama.cpp');
    expect(endpoints).toMatch(/cloud\/big\s*→\s*stand-in-large/);
    const managed = await page.getByTestId('managed-lanes').innerText();
    expect(managed).toContain(REFERENCE_IMAGE);
    expect(managed).toContain(REFERENCE_NETWORK);
    expect(managed).toContain('local/managed');
  });

  it('shows the health the monitor found: the stand-in healthy, the closed port failing', async () => {
    await expect.poll(() => health(BOX_SMALL), { timeout: 15_000 }).toBe('healthy');
    await expect.poll(() => health(OFFICE_SMALL), { timeout: 15_000 }).toBe('healthy');
    await expect.poll(() => health(MANAGED), { timeout: 15_000 }).toMatch(/^(degraded|down)$/);
    expect(await row(BOX_SMALL).locator('.lane-row__metrics').innerText()).toMatch(
      /\d+ ms · avg \d+ ms/,
    );
    expect(await detail(MANAGED).locator('.lane-error__code').innerText()).toMatch(/\w+/);
    expect(await detail(BOX_SMALL).count()).toBe(0);
    await shoot(page, 'lanes-light.png');
  });

  it('follows the stand-in going down after "Check all", without a reload', async () => {
    await page.evaluate(() => {
      (window as unknown as { notReloaded?: boolean }).notReloaded = true;
    });
    await llm.setBehaviour({ status: 500 });
    await page.getByRole('button', { name: 'Check all' }).click();
    await expect
      .poll(() => page.getByTestId('lanes-check-result').textContent(), { timeout: 15_000 })
      .toMatch(/Checked 5 lanes at .*: .*(degraded|down)/);
    for (const laneId of [BOX_SMALL, BOX_BIG, OFFICE_SMALL]) {
      expect(await health(laneId)).toMatch(/^(degraded|down)$/);
      expect(await detail(laneId).innerText()).toContain('500');
    }
    expect(await row(BOX_SMALL).locator('.lane-row__metrics').innerText()).toMatch(
      /[1-9]\d* failed of \d+ checks/,
    );
    expect(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
    await shoot(page, 'lanes-failing-light.png', 'lanes-card-light.png');
  });

  it('turns a lane healthy again from the pushed event alone', async () => {
    await llm.setBehaviour({});
    // The check runs outside the page: only the `lanes.health` event can tell it.
    const response = await fetch(`${serve.url}api/rpc/lanes.check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ laneId: BOX_SMALL }),
    });
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
    await expect.poll(() => health(BOX_SMALL), { timeout: 10_000 }).toBe('healthy');
    expect(await detail(BOX_SMALL).count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
  });

  it('checks one lane from its own button, disabled while the check runs', async () => {
    await llm.setBehaviour({ stall: 'before-headers' });
    const button = row(OFFICE_SMALL).getByRole('button', { name: `Check ${OFFICE_SMALL}` });
    await button.click();
    await expect.poll(() => button.isDisabled()).toBe(true);
    expect(await button.innerText()).toContain('Checking');
    // The health check gives up after 2 s: a timeout, shown on the row.
    await expect.poll(() => button.isDisabled(), { timeout: 10_000 }).toBe(false);
    expect(await detail(OFFICE_SMALL).innerText()).toMatch(/timeout/i);
    expect(await row(OFFICE_SMALL).locator('.lane-row__checked').innerText()).toMatch(/Checked/);

    await llm.setBehaviour({});
    await button.click();
    await expect.poll(() => health(OFFICE_SMALL), { timeout: 10_000 }).toBe('healthy');
    await row(BOX_BIG)
      .getByRole('button', { name: `Check ${BOX_BIG}` })
      .click();
    await expect.poll(() => health(BOX_BIG), { timeout: 10_000 }).toBe('healthy');
  });

  it('reads well in the dark theme', async () => {
    await page.click('nav a[data-page="settings"]');
    await page.getByRole('radio', { name: 'Dark' }).click();
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await llm.setBehaviour({ status: 503 });
    await page.click('nav a[data-page="lanes"]');
    await page.waitForSelector('main[data-page="lanes"] [data-testid="lanes"]');
    await page.getByRole('button', { name: 'Check all' }).click();
    await expect.poll(() => health(BOX_BIG), { timeout: 15_000 }).toMatch(/^(degraded|down)$/);
    await shoot(page, 'lanes-dark.png', 'lanes-card-dark.png');
    await llm.setBehaviour({});
    await page.click('nav a[data-page="settings"]');
    await page.getByRole('radio', { name: 'System' }).click();
  });

  it('warns when the saved lanes cannot be read, and says how to add lanes', async () => {
    const broken = await startServe([
      '--port',
      '0',
      '--data-dir',
      brokenDataDir,
      '--config',
      emptyPolicy,
    ]);
    const other = await browser.newPage({
      viewport: { width: 1280, height: 800 },
      colorScheme: 'light',
    });
    watch(other);
    try {
      await other.goto(`${broken.url}#/lanes`);
      const banner = other.getByTestId('lanes-store-problem');
      await banner.waitFor();
      expect(await banner.getAttribute('role')).toBe('alert');
      const text = await banner.innerText();
      expect(text).toContain('cannot be read');
      expect(text).toContain('lanes.json');
      const empty = await other.locator('.empty-state').innerText();
      expect(empty).toContain('homelane lanes add URL');
      expect(empty).toContain('homelane lanes up vllm --config FILE');
      expect(await other.locator('tr.lane-row').count()).toBe(0);
      await shoot(other, 'lanes-empty-light.png');
      await other.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(() => other.getAttribute('html', 'data-theme')).toBe('dark');
      await shoot(other, 'lanes-empty-dark.png');
    } finally {
      await other.close();
      await broken.stop();
    }
  });

  it('logged no console errors, page errors or failed requests', () => {
    expect(problems).toEqual([]);
  });
});
