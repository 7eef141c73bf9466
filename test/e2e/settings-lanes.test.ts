import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src-main/core/privacy/memory-store';
import { RecordStore } from '../../src-main/core/replay/record-store';
import { databasePath, openDatabase } from '../../src-main/core/store/database';
import type { ManagedLaneSpec } from '../../src-main/core/lanes/managed/managed-lane-spec';
import { launchChromium, watchPageProblems } from '../support/chromium';
import { findTestDockerEngine } from '../support/docker-engine';
import { startFakeLanServer } from '../support/fake-lan-servers';
import type { FakeLanServer } from '../support/fake-lan-servers';
import { pricedStandInPolicy } from '../support/priced-policy';
import { sampleRecord } from '../support/sample-record';
import { REPO_ROOT, startServe } from '../support/serve-process';
import type { ServeProcess } from '../support/serve-process';
import { standInManagedSpec } from '../support/stand-in-managed-lane';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// Settings and the Lanes page's controls in a real Chromium against
// `homelane serve`: retention saved and applied, a remembered fact edited and
// forgotten, a key stored without its value ever coming back, cloud
// escalation switched, a LAN server detected and added with its alias
// mapping, a managed container's flags edited — and the stand-in lane's
// server stopped, which the Lanes page and the sidebar (on any page) report.

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const engine = await findTestDockerEngine();
if (!engine.ok) console.warn(`managed container UI tests skipped: ${engine.reason}`);
const DOCKER_LANE = `e2e-${process.pid}`;
let dockerSpec: ManagedLaneSpec | undefined;
const temp = makeTempDir('homelane-settings-lanes-');
const dataDir = join(temp.dir, 'data');
const KEY_VALUE = 'sk-e2e-7d1f0c9a-never-shown-again';
const DAY = 86_400_000;
let llm: StandInLlm;
let lan: FakeLanServer;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];
/** Calls refused on purpose (a probe of a closed port, an invalid flag); Chromium logs their 4xx/5xx answers as console errors. */
const EXPECTED_FAILURES = ['/api/rpc/lanes.probe', '/api/rpc/lanes.managed.spec.set'];

const expectedErrors: string[] = [];

/** As watchPageProblems; the console errors of the refusals asked for are noted apart too. */
function watch(target: Page): void {
  watchPageProblems(target, problems);
  target.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    if (EXPECTED_FAILURES.some((path) => url.endsWith(path)))
      expectedErrors.push(`console error: ${message.text()}`);
  });
}

/** The problems, less one console error per refusal the test asked for. */
function unexpectedProblems(): string[] {
  const skip = [...expectedErrors];
  return problems.filter((problem) => {
    const at = skip.indexOf(problem);
    if (at === -1) return true;
    skip.splice(at, 1);
    return false;
  });
}

async function rpc<T>(method: string, input: unknown): Promise<T> {
  const response = await fetch(`${serve.url}api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.data;
}

/** The whole page: the app scrolls inside <main>, so the viewport grows to fit it first. */
async function shoot(name: string): Promise<void> {
  const height = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 0);
  await page.setViewportSize({ width: 1280, height: Math.max(800, height) });
  await page.screenshot({ path: join(SCREENSHOTS, name) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function open(pageId: string, ready: string): Promise<void> {
  await page.click(`nav a[data-page="${pageId}"]`);
  await page.waitForSelector(`main[data-page="${pageId}"] ${ready}`);
}

const laneHealth = (laneId: string) =>
  page.locator(`tr.lane-row[data-lane-id="${laneId}"] .health-badge`).getAttribute('data-health');

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [llm, lan] = await Promise.all([startStandInLlm(), startFakeLanServer('vllm')]);
  // The app's database, made by the production migrations, with what a person
  // would have by now: remembered facts and routing records of the last week.
  const db = openDatabase(databasePath(dataDir));
  const memory = new MemoryStore(db);
  memory.add('my dog is called Pixel');
  memory.add('I work at Example Corp');
  const records = new RecordStore(db);
  for (let day = 0; day < 7; day++)
    records.insert(
      sampleRecord({ created_at: new Date(Date.now() - day * DAY - 60_000).toISOString() }),
    );
  db.close();
  if (engine.ok) {
    // The server reaches the test engine; its container is the stand-in server.
    process.env['DOCKER_HOST'] = engine.host;
    dockerSpec = await standInManagedSpec(engine.docker, temp.dir, {
      aliases: ['local/small'],
      name: DOCKER_LANE,
      containerName: `homelane-e2e-${process.pid}`,
    });
  }
  const policy = join(temp.dir, 'policy.yaml');
  writeFileSync(policy, pricedStandInPolicy(llm.url));
  serve = await startServe(['--port', '0', '--data-dir', dataDir, '--config', policy]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  watch(page);
  await page.goto(`${serve.url}#/settings`);
  await page.waitForSelector('main[data-page="settings"] [data-testid="retention"]');
});

afterAll(async () => {
  if (engine.ok && dockerSpec)
    await engine.docker
      .getContainer(dockerSpec.containerName)
      .remove({ force: true })
      .catch(() => undefined);
  await browser?.close();
  await serve?.stop();
  await Promise.all([llm?.stop(), lan?.close()]);
  temp.cleanup();
});

describe('settings page', () => {
  it('shows the data folder with a copy button', async () => {
    expect(await page.getByTestId('data-folder').innerText()).toBe(dataDir);
    expect(await page.getByRole('button', { name: "Copy the data folder's path" }).count()).toBe(1);
    await shoot('settings-overview.png');
  });

  it('saves retention, applies it at once and keeps it', async () => {
    const card = page.getByTestId('retention');
    await card.getByLabel('Keep for (days)').fill('3');
    await card.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() =>
        page
          .getByTestId('retention-saved')
          .textContent()
          .catch(() => ''),
      )
      .toMatch(/4 older records were removed/);
    const saved = await rpc<{ retention: unknown }>('settings.get', {});
    expect(saved.retention).toEqual({ maxAgeDays: 3, maxRecords: null });
    // Read from a new page load: the value comes back from the core.
    await page.reload();
    await page.waitForSelector('main[data-page="settings"] [data-testid="retention"]');
    expect(await page.getByTestId('retention').getByLabel('Keep for (days)').inputValue()).toBe(
      '3',
    );
  });

  it('switches cloud escalation for the running app', async () => {
    const privacy = page.getByTestId('privacy');
    await privacy.getByRole('radio', { name: /Never/ }).click();
    await expect
      .poll(() => privacy.getByRole('radio', { name: /Never/ }).getAttribute('aria-checked'))
      .toBe('true');
    const info = await rpc<{ cloudEscalation: string }>('app.info', {});
    expect(info.cloudEscalation).toBe('never');
    await expect.poll(() => page.getByTestId('app-info').innerText()).toContain('Never');
  });

  it('edits a remembered fact, then forgets another', async () => {
    const memory = page.getByTestId('memory');
    await memory.getByRole('button', { name: 'Edit: my dog is called Pixel' }).click();
    const editor = memory.getByRole('textbox', { name: /Edit fact/ });
    await editor.fill('my dog is called Pixel, a beagle');
    await shoot('settings-memory-edit.png');
    await memory.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => memory.innerText()).toContain('my dog is called Pixel, a beagle');

    await memory.getByRole('button', { name: 'Forget: I work at Example Corp' }).click();
    await memory.getByRole('button', { name: 'Forget', exact: true }).click();
    await expect.poll(() => memory.innerText()).not.toContain('Example Corp');
    const facts = await rpc<{ facts: { fact: string }[] }>('memory.list', {});
    expect(facts.facts.map((fact) => fact.fact)).toEqual(['my dog is called Pixel, a beagle']);
  });

  it('stores a key without ever showing its value again', async () => {
    const keys = page.getByTestId('keys');
    const form = page.getByTestId('key-form-new');
    await form.getByLabel('Name', { exact: true }).fill('E2E_API_KEY');
    const value = form.getByLabel('Value');
    expect(await value.getAttribute('type')).toBe('password');
    await value.fill(KEY_VALUE);
    await form.getByRole('button', { name: 'Store key' }).click();
    await expect.poll(() => keys.locator('[data-key="E2E_API_KEY"]').count()).toBe(1);
    expect(await value.inputValue()).toBe('');
    expect(await keys.innerText()).toContain('private file in the data folder');
    expect(await page.content()).not.toContain(KEY_VALUE);
    const listed = await rpc<unknown>('secrets.list', {});
    expect(JSON.stringify(listed)).not.toContain(KEY_VALUE);
    await shoot('settings-keys.png');
  });

  it('reads well in the dark theme', async () => {
    await page.getByRole('radio', { name: 'Dark' }).click();
    await shoot('settings-dark.png');
    await page.getByRole('radio', { name: 'System' }).click();
  });
});

describe('lanes page', () => {
  it('detects a LAN server, confirms the alias mapping and adds it', async () => {
    await open('lanes', '[data-testid="lanes"]');
    await page.getByRole('button', { name: 'Add a server' }).click();
    const form = page.getByTestId('add-endpoint');
    await form.getByLabel('Server address').fill(lan.url);
    await form.getByRole('button', { name: 'Detect' }).click();
    await expect.poll(() => page.getByTestId('endpoint-kind').textContent()).toBe('vllm');
    expect(await page.getByTestId('endpoint-detected').innerText()).toContain('Qwen/Qwen3-8B');
    await form.getByLabel('Name', { exact: true }).fill('den');
    await form.getByLabel('Model for local/small').selectOption('Qwen/Qwen3-8B');
    await shoot('lanes-add-endpoint-detected.png');
    await form.getByRole('button', { name: 'Save server' }).click();
    await expect.poll(() => page.getByTestId('lan-endpoints').innerText()).toContain('den');
    expect(await page.getByTestId('lan-endpoints').innerText()).toMatch(
      /local\/small\s*→\s*Qwen\/Qwen3-8B/,
    );
    await expect.poll(() => laneHealth('local/small@den'), { timeout: 15_000 }).toBe('healthy');
    await shoot('lanes-endpoint-added.png');
  });

  it('refuses a server that is not there, saying why', async () => {
    await page.getByRole('button', { name: 'Add a server' }).click();
    const form = page.getByTestId('add-endpoint');
    await form.getByLabel('Server address').fill('http://127.0.0.1:9');
    await form.getByRole('button', { name: 'Detect' }).click();
    await expect
      .poll(
        () =>
          page
            .getByTestId('probe-error')
            .textContent()
            .catch(() => ''),
        {
          timeout: 15_000,
        },
      )
      .toMatch(/Nothing answered/);
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it("edits a managed container's flags, checked by the core", async () => {
    await page.getByRole('button', { name: 'Add a container' }).click();
    const form = page.getByTestId('managed-spec');
    await form.getByLabel('Max model length (tokens)').fill('32768');
    await form.getByLabel('GPU memory utilisation (0–1)').fill('1.5');
    await form.getByRole('button', { name: 'Save container' }).click();
    await expect
      .poll(() => form.locator('.field__error').allInnerTexts())
      .toEqual([expect.stringMatching(/1/)]);
    await shoot('lanes-managed-flags-error.png');
    await form.getByLabel('GPU memory utilisation (0–1)').fill('0.8');
    await form.getByRole('button', { name: 'Save container' }).click();
    await expect.poll(() => page.getByTestId('managed-lanes').innerText()).toContain('vllm');
    const spec = await rpc<{ spec: { maxModelLen: number; gpuMemoryUtilization: number } }>(
      'lanes.managed.spec.get',
      { name: 'vllm' },
    );
    expect(spec.spec).toMatchObject({ maxModelLen: 32768, gpuMemoryUtilization: 0.8 });
    // Without a Docker engine for this server the container's state says so.
    await expect
      .poll(() => page.locator('[data-managed="vllm"] .container-state').getAttribute('data-state'))
      .toMatch(/^(no_docker|docker_permission|absent)$/);
    await shoot('lanes-managed.png');
    // Forgotten again: its port answers nothing, and its lanes would be down too.
    await page.getByRole('button', { name: 'Forget vllm' }).click();
    await page.getByRole('button', { name: 'Forget', exact: true }).click();
    await expect.poll(() => page.getByTestId('managed-lanes').count()).toBe(0);
    expect(await page.locator('tr.lane-row[data-lane-id="local/small@vllm"]').count()).toBe(0);
  });

  describe.skipIf(!engine.ok)(
    `managed container on a real Docker engine (${engine.ok ? engine.host : engine.reason})`,
    () => {
      const detail = () => page.locator(`tr.managed-row__detail[data-managed="${DOCKER_LANE}"]`);
      const state = () => detail().locator('.container-state').getAttribute('data-state');

      it(
        'starts it from the page with progress, shows its logs, stops and forgets it',
        {
          timeout: 90_000,
        },
        async () => {
          await rpc('lanes.managed.spec.set', { spec: dockerSpec });
          await page.reload();
          await page.waitForSelector(`tr.managed-row__detail[data-managed="${DOCKER_LANE}"]`);
          await expect.poll(state).toBe('absent');
          await detail().getByRole('button', { name: 'Start' }).click();
          await expect
            .poll(() => detail().getByTestId('managed-progress').getAttribute('data-step'), {
              timeout: 45_000,
            })
            .toBe('ready');
          await expect.poll(state, { timeout: 10_000 }).toBe('running');
          await detail().getByRole('button', { name: 'Logs' }).click();
          await expect
            .poll(() => detail().getByTestId('managed-logs').innerText())
            .toContain('stand-in-llm listening on');
          await shoot('lanes-managed-running.png');
          await detail().getByRole('button', { name: 'Stop' }).click();
          await expect.poll(state, { timeout: 30_000 }).toBe('exited');
          await shoot('lanes-managed-stopped.png');
          await detail()
            .getByRole('button', { name: `Forget ${DOCKER_LANE}` })
            .click();
          await detail().getByRole('button', { name: 'Forget', exact: true }).click();
          await expect.poll(() => detail().count()).toBe(0);
        },
      );
    },
  );

  it(
    'says a lane is down when its server stops: on the Lanes page and in the sidebar',
    { timeout: 90_000 },
    async () => {
      await expect.poll(() => laneHealth('local/small_box'), { timeout: 15_000 }).toBe('healthy');
      expect(await page.getByTestId('lane-alert').count()).toBe(0);
      const stoppedAt = Date.now();
      await llm.stop();
      // The health monitor notices by itself (no button is pressed): degraded, then down.
      await expect
        .poll(() => laneHealth('local/small_box'), { timeout: 45_000, interval: 250 })
        .toBe('down');
      const seconds = (Date.now() - stoppedAt) / 1000;
      const alert = page.getByTestId('lane-alert');
      expect(await alert.getAttribute('data-state')).toBe('down');
      await expect
        .poll(() => alert.getAttribute('aria-label'), { timeout: 15_000 })
        .toBe('2 lanes down');
      expect(await alert.getAttribute('title')).toContain('cloud/big_api');
      expect(await alert.getAttribute('title')).toContain('local/small_box');
      expect(
        await page.locator('tr.lane-row__detail[data-lane-id="local/small_box"]').innerText(),
      ).toMatch(/unreachable|refused/i);
      await shoot('lanes-lane-down.png');
      await page.emulateMedia({ colorScheme: 'dark' });
      await shoot('lanes-lane-down-dark.png');
      await page.emulateMedia({ colorScheme: 'light' });
      // Any other page: the sidebar still says so.
      await open('chat', 'h1');
      expect(await page.getByTestId('lane-alert').getAttribute('data-state')).toBe('down');
      await page.screenshot({ path: join(SCREENSHOTS, 'lanes-down-sidebar-chat.png') });
      expect(seconds).toBeLessThan(45);
    },
  );

  it('logged no console errors, page errors or failed requests', () => {
    expect(unexpectedProblems()).toEqual([]);
    // The refusals asked for were seen (and only those were let through).
    expect(expectedErrors.length).toBeGreaterThan(0);
  });
});
