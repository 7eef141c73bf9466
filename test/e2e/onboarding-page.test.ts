import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchPageProblems } from '../support/chromium';
import type { FakeHub } from '../support/fake-hub-server';
import { randomContent, startFakeHub } from '../support/fake-hub-server';
import { seedRepo } from '../support/model-hub-fixture';
import { REPO_ROOT, startServe } from '../support/serve-process';
import type { ServeProcess } from '../support/serve-process';
import { HAS_SHARED, readShared } from '../support/shared-recipes';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { startThrottledProxy } from '../support/throttled-proxy';
import type { ThrottledProxy } from '../support/throttled-proxy';
import { makeTempDir } from '../support/temp-dir';

// First-start onboarding in a real Chromium against `homelane serve` on a
// new data folder: a profile from a file and from a URL this test serves
// (upstream's balance recipe when ../shared is there, else a copy of
// Homelane's privacy recipe), a LAN server detected, a key saved, a routing
// model downloaded from the stand-in hub through a slow link so its progress
// bar is seen moving, the cloud choice, and the app opening on chat after.

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const JAILBREAK_REPO = 'llm-semantic-router/mmbert32k-jailbreak-detector-merged';
const PRIVACY_RECIPE = join(REPO_ROOT, 'recipes', 'privacy', 'config.yaml');
const URL_RECIPE = HAS_SHARED ? 'balance' : 'privacy-copy';
const temp = makeTempDir('homelane-onboarding-page-');
const dataDir = join(temp.dir, 'data');
const pickedFile = join(temp.dir, 'home-privacy.yaml');
let hub: FakeHub;
let slowHub: ThrottledProxy;
let recipes: Server;
let recipesUrl: string;
let llm: StandInLlm;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const previousEndpoint = process.env['HF_ENDPOINT'];

async function shoot(name: string): Promise<void> {
  const height = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 0);
  await page.setViewportSize({ width: 1280, height: Math.min(2400, Math.max(800, height)) });
  await page.screenshot({ path: join(SCREENSHOTS, `onboarding-${name}.png`) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function rpc<T>(method: string, input: object = {}): Promise<T> {
  const response = await fetch(`${serve.url}api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; data: T };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
  return body.data;
}

const fillWidth = () =>
  page
    .locator('[data-testid="model-progress-jailbreak"] .model-progress__fill')
    .evaluate((element) => element.getBoundingClientRect().width);

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  copyFileSync(PRIVACY_RECIPE, pickedFile);
  hub = await startFakeHub();
  seedRepo(hub, JAILBREAK_REPO);
  // A bigger weights file, sent at about 800 kB/s: a few seconds of progress to watch.
  hub.setFile(JAILBREAK_REPO, 'onnx/model.onnx.data', randomContent(4_000_000), { lfs: true });
  hub.setFile(JAILBREAK_REPO, 'jailbreak_type_mapping.json', Buffer.from('{"label_to_idx":{}}'));
  slowHub = await startThrottledProxy(hub.url);
  process.env['HF_ENDPOINT'] = slowHub.url;
  recipes = createServer((req, res) => {
    if (req.url === '/balance/config.yaml' && HAS_SHARED) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end(readShared('balance/config.yaml'));
    }
    if (req.url === '/privacy-copy/config.yaml') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end(readFileSync(PRIVACY_RECIPE));
    }
    if (req.url === '/broken/config.yaml') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end(
        readFileSync(PRIVACY_RECIPE, 'utf8').replace(
          'model: homelane/local-qwen',
          'model: homelane/local-qwen-typo',
        ),
      );
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('no such recipe');
  });
  await new Promise<void>((done) => recipes.listen(0, '127.0.0.1', done));
  recipesUrl = `http://127.0.0.1:${(recipes.address() as AddressInfo).port}`;
  llm = await startStandInLlm();
  serve = await startServe(['--port', '0', '--data-dir', dataDir]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  watchPageProblems(page, problems);
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await llm?.stop();
  await slowHub?.close();
  await hub?.close();
  await new Promise((done) => recipes?.close(done));
  if (previousEndpoint === undefined) delete process.env['HF_ENDPOINT'];
  else process.env['HF_ENDPOINT'] = previousEndpoint;
  temp.cleanup();
});

describe('onboarding (web UI against homelane serve)', () => {
  it('opens on the first start and previews the built-in privacy recipe', async () => {
    await page.goto(serve.url);
    await page.waitForSelector('main[data-page="welcome"] h1');
    expect(page.url()).toContain('#/welcome');
    const preview = page.getByTestId('profile-preview');
    await expect.poll(() => preview.locator('.card__title').innerText()).toBe('privacy');
    expect(await page.getByTestId('profile-verdict').innerText()).toMatch(/^Valid/);
    expect(await page.getByTestId('profile-summary').innerText()).toContain('keep_private_local');
    await shoot('1-builtin');
  });

  it('previews a file, shows its text and summary, and applies it', async () => {
    await page.getByRole('radio', { name: 'A file' }).click();
    await page.getByTestId('profile-file').setInputFiles(pickedFile);
    const preview = page.getByTestId('profile-preview');
    await expect.poll(() => preview.locator('.card__title').innerText()).toBe('home-privacy');
    const yaml = page.getByTestId('profile-yaml');
    expect(await yaml.innerText()).toContain('keep_private_local');
    const overflow = await yaml.evaluate((el) => getComputedStyle(el).overflowY);
    expect(overflow).toBe('auto');
    await page.getByRole('button', { name: 'Apply this profile' }).click();
    await expect
      .poll(() => page.getByTestId('profile-applied').innerText())
      .toContain('In force: home-privacy');
    const info = await rpc<{ profile: { name: string } }>('app.info');
    expect(info.profile.name).toBe('home-privacy');
    await shoot('2-file');
  });

  it('shows the located errors of a fetched profile and will not apply it', async () => {
    await page.getByRole('radio', { name: 'A URL' }).click();
    await page.getByTestId('profile-url').fill(`${recipesUrl}/broken/config.yaml`);
    await page.getByRole('button', { name: 'Fetch' }).click();
    await expect.poll(() => page.getByTestId('profile-verdict').innerText()).toMatch(/error/);
    expect(await page.getByTestId('profile-diagnostics').innerText()).toContain(
      'homelane/local-qwen-typo',
    );
    expect(await page.getByRole('button', { name: 'Apply this profile' }).isDisabled()).toBe(true);
    // The text opens at the problem's line.
    const marked = page.locator('.onb-yaml__line.is-marked').first();
    expect(await marked.getAttribute('data-line')).toBe('26');
    expect(await marked.isVisible()).toBe(true);
    const inView = await marked.evaluate((line) => {
      const box = line.closest('pre')?.getBoundingClientRect();
      const own = line.getBoundingClientRect();
      return box !== undefined && own.top >= box.top && own.bottom <= box.bottom;
    });
    expect(inView).toBe(true);
    await shoot('3-url-errors');
  });

  it(`previews and applies a profile from a URL (${URL_RECIPE})`, async () => {
    const url = `${recipesUrl}/${URL_RECIPE}/config.yaml`;
    await page.getByTestId('profile-url').fill(url);
    await page.getByRole('button', { name: 'Fetch' }).click();
    const preview = page.getByTestId('profile-preview');
    await expect.poll(() => preview.locator('.card__title').innerText()).toBe(URL_RECIPE);
    expect(await preview.locator('.onb-preview__source').innerText()).toContain(url);
    await shoot('4-url');
    await page.getByRole('button', { name: 'Apply this profile' }).click();
    await expect
      .poll(() => page.getByTestId('profile-applied').innerText())
      .toContain(`In force: ${URL_RECIPE}`);
    const info = await rpc<{ profile: { name: string; source: string } }>('app.info');
    expect(info.profile).toEqual({ name: URL_RECIPE, source: url });
  });

  it('detects a server on the network and saves it, and stores a key it never shows', async () => {
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForSelector('[data-testid="lan-setup"]');
    await page.getByTestId('lan-url').fill(llm.url);
    await page.getByRole('button', { name: 'Detect' }).click();
    await expect.poll(() => page.getByTestId('lan-detected').innerText()).toContain('/v1');
    await page.getByRole('button', { name: 'Save this server' }).click();
    await expect.poll(() => page.getByTestId('lan-setup').innerText()).toContain('Saved as');
    const lanes = await rpc<{ endpoints: { baseUrl: string }[] }>('lanes.list');
    expect(lanes.endpoints.map((e) => e.baseUrl)).toContain(`${llm.url}/v1`);

    const secret = 'sk-onboarding-test-0123456789';
    await page.getByTestId('key-value').fill(secret);
    await page.getByRole('button', { name: 'Save key' }).click();
    await expect.poll(() => page.getByTestId('key-setup').innerText()).toContain('Saved');
    expect(await page.getByTestId('key-value').inputValue()).toBe('');
    expect(await page.content()).not.toContain(secret);
    // The managed container is offered only where a Docker engine answers.
    await expect
      .poll(() => page.getByTestId('managed-setup').innerText())
      .toMatch(/Docker engine|Start the container/);
    await shoot('5-lanes');
  });

  it('downloads a routing model with a progress bar that moves', async () => {
    await page.getByRole('button', { name: 'Continue' }).click();
    const row = page.locator('[data-testid="onboarding-models"] tr[data-model-id="jailbreak"]');
    await row.getByRole('button', { name: 'Download' }).click();
    const bar = page.getByTestId('model-progress-jailbreak');
    await bar.waitFor();
    // Bytes are arriving (the bar shows a percentage, not the "listing" shimmer).
    const percent = () => bar.getByRole('progressbar').getAttribute('aria-valuenow');
    await expect.poll(async () => Number(await percent()), { timeout: 10_000 }).toBeGreaterThan(0);
    const first = await fillWidth();
    await shoot('6-download-a');
    await page.waitForTimeout(1200);
    const second = await fillWidth();
    await shoot('6-download-b');
    expect(second).toBeGreaterThan(first);
    expect(Number(await percent())).toBeLessThan(100);
    await expect
      .poll(
        () =>
          row
            .locator('.badge')
            .innerText()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toBe('Installed');
  });

  it('saves the cloud choice, finishes, and the app opens on its pages after', async () => {
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('radio', { name: /Never use the cloud/ }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    const done = page.getByTestId('onboarding-done');
    await expect.poll(() => done.innerText()).toContain('never to the cloud');
    expect(await done.innerText()).toContain('1 installed');
    await shoot('7-done');
    const settings = await rpc<{ privacy: { cloudEscalation: string } }>('settings.get');
    expect(settings.privacy.cloudEscalation).toBe('never');

    await page.getByRole('button', { name: 'Start chatting' }).click();
    await page.waitForSelector('main[data-page="chat"] h1');
    expect((await rpc<{ completed: boolean }>('onboarding.state')).completed).toBe(true);
    await page.goto(serve.url);
    await page.waitForSelector('main h1');
    await page.waitForTimeout(300);
    expect(page.url()).not.toContain('#/welcome');
  });

  it('verifies the downloaded model on the Lanes & models page', async () => {
    await page.goto(`${serve.url}#/lanes`);
    const row = page.locator('[data-testid="routing-models"] tr[data-model-id="jailbreak"]');
    await expect.poll(() => row.locator('.badge').innerText()).toBe('Installed');
    await row.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => row.innerText()).toContain('Every file matches its download');
    await page.getByTestId('routing-models').scrollIntoViewIfNeeded();
    await shoot('8-lanes-models');
  });

  it('logged no console errors, page errors or failed requests', () => {
    expect(problems).toEqual([]);
  });
});
