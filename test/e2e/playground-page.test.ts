import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonlLines } from '../../src-main/core/replay/export-jsonl';
import { RecordStore } from '../../src-main/core/replay/record-store';
import { openDatabase } from '../../src-main/core/store/database';
import { launchChromium, watchPageProblems } from '../support/chromium';
import { sampleRecord } from '../support/sample-record';
import { REPO_ROOT, startServe } from '../support/serve-process';
import type { ServeProcess } from '../support/serve-process';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedPath } from '../support/shared-recipes';
import { makeTempDir } from '../support/temp-dir';

// The Playground page in a real Chromium against `homelane serve` running
// upstream's balance recipe: a prompt routed to its decision with the trace
// card, a conversation routed with Ctrl+Enter, upstream's probe file run
// with its totals, a malformed one shown as located problems; and the
// Replay page importing an export file into a set of its own.

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const PROMPT = 'Debug this Python stack trace and suggest the most likely fix.';

describe.skipIf(!HAS_SHARED)('playground page (web UI against homelane serve)', () => {
  const temp = makeTempDir('homelane-playground-page-');
  const problems: string[] = [];
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    serve = await startServe(
      [
        '--port',
        '0',
        '--data-dir',
        join(temp.dir, 'data'),
        '-c',
        sharedPath('balance/config.yaml'),
      ],
      60_000,
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, colorScheme: 'light' });
    watchPageProblems(page, problems);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    temp.cleanup();
  });

  it('shows a designed empty state before anything is routed', async () => {
    await page.goto(`${serve.url}#/playground`);
    await page.getByTestId('playground-input').waitFor();
    expect(await page.getByTestId('playground-route').isDisabled()).toBe(true);
    expect(await page.getByText('Nothing routed yet').count()).toBe(1);
  });

  it('routes a prompt and shows the decision topology.test gives, with the trace card', async () => {
    const response = await fetch(new URL('api/rpc/topology.test', serve.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: PROMPT }),
    });
    const topology = (await response.json()) as { data: { trace: { decision: string } } };
    await page.getByTestId('playground-input').fill(PROMPT);
    await page.getByTestId('playground-route').click();
    const decision = page.getByTestId('playground-decision');
    await decision.waitFor({ timeout: 60_000 });
    expect(await decision.innerText()).toBe(topology.data.trace.decision);
    const card = page.getByTestId('playground-trace');
    expect(await card.locator('tr[data-outcome="won"]').count()).toBe(1);
    expect(await card.locator('tr[data-outcome="lost"]').count()).toBeGreaterThan(0);
    expect(await card.locator('tr[data-outcome="lost"] td').last().innerText()).toMatch(
      /lost to medium_code_general/,
    );
    expect(await card.getByText('code_request_markers').count()).toBeGreaterThan(0);
    expect(await card.locator('.playground-projections tbody tr').count()).toBeGreaterThan(0);
    expect(await card.getByText('Not private').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-route.png') });
    await page.setViewportSize({ width: 1440, height: 3200 });
    await card.screenshot({ path: join(SCREENSHOTS, 'playground-trace-card.png') });
    await page.setViewportSize({ width: 1440, height: 1000 });
  }, 90_000);

  it('routes a conversation with Ctrl+Enter', async () => {
    await page.getByRole('radio', { name: 'A conversation' }).click();
    await page.getByLabel('Turn 1', { exact: true }).fill('Hello there!');
    await page.getByRole('button', { name: 'Add a turn' }).click();
    await page.getByLabel('Turn 2', { exact: true }).fill('Hi! How can I help?');
    await page.getByRole('button', { name: 'Add a turn' }).click();
    expect(await page.getByLabel('Role of turn 3').inputValue()).toBe('user');
    const last = page.getByTestId('playground-input');
    await last.fill(PROMPT);
    await page.getByTestId('playground-decision').evaluate((node) => node.remove());
    await last.press('Control+Enter');
    await page.getByTestId('playground-decision').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('playground-decision').innerText()).toBe('medium_code_general');
    await page.getByRole('button', { name: 'Remove turn 2' }).click();
    expect(await page.getByLabel('Turn 2', { exact: true }).inputValue()).toBe(PROMPT);
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-conversation.png') });
  }, 90_000);

  it('runs the balance probe file and shows the same totals as homelane probe (28 of 57)', async () => {
    await page.getByRole('tab', { name: 'Probes' }).click();
    expect(await page.getByText('No probe file run yet').count()).toBe(1);
    await page
      .getByTestId('playground-probes-file')
      .setInputFiles(sharedPath('balance/probes.yaml'));
    const totals = page.getByTestId('playground-probes-totals');
    await totals.waitFor({ timeout: 120_000 });
    const text = await totals.innerText();
    expect(text).toContain('57 variants');
    expect(text).toContain('28 passed');
    expect(text).toContain('29 failed');
    const rows = page.getByTestId('playground-probes-results').locator('tbody tr');
    expect(await rows.count()).toBe(57);
    await page.getByLabel('Failures only').check();
    expect(await rows.count()).toBe(29);
    expect(await page.locator('tr[data-passed="true"]').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-probes.png') });
  }, 150_000);

  it('shows a malformed probe file as located problems', async () => {
    await page.getByTestId('playground-probes-file').setInputFiles({
      name: 'broken.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from('schema_version: v1\nname: broken\ndecisions: [\n'),
    });
    const shown = page.getByTestId('playground-probes-problems');
    await shown.waitFor({ timeout: 30_000 });
    expect(await shown.innerText()).toMatch(/broken\.yaml:\d+/);
    expect(await page.getByTestId('playground-probes-totals').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-probes-problems.png') });
  });

  it('imports a replay export from the Replay page and shows its records apart', async () => {
    const db = openDatabase(join(temp.dir, 'other-machine.db'));
    const store = new RecordStore(db);
    for (let i = 0; i < 3; i++) {
      store.insert(
        sampleRecord({
          created_at: new Date(Date.parse('2026-11-20T10:00:00.000Z') + i * 60_000).toISOString(),
          prompt: `a prompt from the other machine ${i}`,
          lifecycle_state: 'completed',
        }),
      );
    }
    const lines = [
      ...jsonlLines(store, {
        schemaVersion: db.pragma('user_version', { simple: true }) as number,
      }),
    ];
    db.close();
    const file = join(temp.dir, 'other-box.jsonl');
    writeFileSync(file, lines.join(''));

    await page.goto(`${serve.url}#/replay`);
    await page.getByTestId('replay-import-file').setInputFiles(file);
    const report = page.getByTestId('replay-import-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.innerText()).toContain('3 imported');
    await page.getByTestId('replay-row').first().waitFor();
    expect(await page.getByTestId('replay-source').inputValue()).toBe('other-box');
    expect(await page.getByTestId('replay-row').count()).toBe(3);
    await page.screenshot({ path: join(SCREENSHOTS, 'replay-import.png') });
    await page.getByTestId('replay-row').first().click();
    await page.getByText('a prompt from the other machine 2').first().waitFor();
    await page.getByTestId('replay-source').selectOption('');
    await page.waitForTimeout(300);
    expect(await page.getByTestId('replay-row').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);
});

if (!HAS_SHARED) describe.skip(`playground page: ${SHARED_MISSING_REASON}`, () => {});
