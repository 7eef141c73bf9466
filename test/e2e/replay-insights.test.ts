import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Insights } from '../../src-main/contract';
import { RecordStore } from '../../src-main/core/replay/record-store';
import type { RoutingRecord } from '../../src-main/core/replay/record-types';
import { databasePath, openDatabase } from '../../src-main/core/store/database';
import { launchChromium, watchPageProblems } from '../support/chromium';
import { closedPort } from '../support/fake-lan-servers';
import { pricedStandInPolicy } from '../support/priced-policy';
import { sampleRecord } from '../support/sample-record';
import { REPO_ROOT, startServe } from '../support/serve-process';
import type { ServeProcess } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';

// The Replay and Insights pages in a real Chromium against `homelane serve`,
// whose data folder holds routing records written by the real store before
// it starts: filter Replay by decision, open a record and read its trace and
// bodies; then check the Insights totals against GET /api/v1/insights.

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const temp = makeTempDir('homelane-replay-page-');
const dataDir = join(temp.dir, 'data');
const written: RoutingRecord[] = [];
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const HOUR = 3_600_000;
const DECISIONS = ['casual', 'hard_questions', 'payroll_private'] as const;

function seed(): void {
  const db = openDatabase(databasePath(dataDir));
  const store = RecordStore.of(db);
  const now = Date.now();
  // Ages in hours: some today, some this week, some this month, some older.
  const ages = [1, 2, 3, 5, 8, 30, 50, 90, 130, 300, 500, 1000];
  ages.forEach((age, i) => {
    const decision = DECISIONS[i % 3] ?? 'casual';
    const local = decision !== 'hard_questions';
    const failed = i === 4;
    const record = sampleRecord({
      created_at: new Date(now - age * HOUR).toISOString(),
      decision,
      selected_model: local ? 'local/small' : 'cloud/big',
      upstream_model: local ? 'stand-in-small' : 'stand-in-large',
      lane_id: local ? 'local/small@box' : 'cloud/big@api',
      locality: local ? 'local' : 'cloud',
      private: decision === 'payroll_private',
      privacy_reasons:
        decision === 'payroll_private'
          ? [{ kind: 'detector', detail: 'an IBAN in the prompt', message_index: 0, role: 'user' }]
          : [],
      lifecycle_state: failed ? 'failed' : 'completed',
      terminal_reason: failed ? 'upstream_error' : 'stop',
      routing_ms: 1.2,
      ttft_ms: 120 + i,
      duration_ms: 800 + 10 * i,
      ended_at: new Date(now - age * HOUR + 900).toISOString(),
      prompt: `${decision === 'hard_questions' ? 'Prove' : 'Tell me'} something, request ${i}`,
      prompt_tokens: 40 + i,
      completion_tokens: 60 + i,
      total_tokens: 100 + 2 * i,
      ...(failed
        ? {}
        : {
            actual_cost: local ? 0 : 0.0005 * (i + 1),
            baseline_cost: 0.0005 * (i + 1),
            cost_savings: local ? 0.0005 * (i + 1) : 0,
            currency: 'USD',
            baseline_model: 'cloud/big',
          }),
      request_body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: i }] }),
      response_body: `{"choices":[{"message":{"content":"answer ${i}"}}]}`,
      response_body_truncated: i === 2,
      fallback_chain: [
        {
          lane_id: local ? 'local/small@box' : 'cloud/big@api',
          alias: local ? 'local/small' : 'cloud/big',
          source: 'selected',
          outcome: failed ? 'failed' : 'answered',
          latency_ms: 700,
        },
      ],
      trace: { decision },
    });
    store.insert(record);
    written.push(record);
  });
  db.close();
}

async function shoot(name: string): Promise<void> {
  const height = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 0);
  await page.setViewportSize({ width: 1280, height: Math.max(800, height + 40) });
  await page.screenshot({ path: join(SCREENSHOTS, name) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  seed();
  const policy = join(temp.dir, 'policy.yaml');
  writeFileSync(policy, pricedStandInPolicy(`http://127.0.0.1:${await closedPort()}`));
  serve = await startServe(['--port', '0', '--data-dir', dataDir, '--config', policy]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  watchPageProblems(page, problems);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  temp.cleanup();
});

const rows = () => page.getByTestId('replay-row');

describe('replay page', () => {
  it('lists every stored record, newest first', async () => {
    await page.goto(`${serve.url}#/replay`);
    await page.waitForSelector('[data-testid="replay-row"]');
    const ids = await rows().evaluateAll((all) => all.map((row) => row.dataset['recordId']));
    expect(ids).toEqual(
      [...written].sort((a, b) => b.created_at.localeCompare(a.created_at)).map((r) => r.id),
    );
    await shoot('replay-list.png');
  });

  it('filters by decision', async () => {
    await page.getByRole('combobox', { name: 'Decision' }).selectOption('hard_questions');
    const expected = written.filter((r) => r.decision === 'hard_questions').map((r) => r.id);
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="replay-row"]').length === count,
      expected.length,
    );
    const ids = await rows().evaluateAll((all) => all.map((row) => row.dataset['recordId']));
    expect(new Set(ids)).toEqual(new Set(expected));
    for (const text of await rows().allInnerTexts()) expect(text).toContain('hard_questions');
  });

  it('opens a record with its trace, timings, cost and bodies', async () => {
    await rows().first().click();
    const detail = page.getByTestId('replay-detail');
    await detail.locator('.replay-body').first().waitFor();
    const text = await detail.innerText();
    const newest = written
      .filter((r) => r.decision === 'hard_questions')
      .sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
    expect(text).toContain(newest?.id ?? 'missing');
    expect(text).toContain('hard_questions');
    expect(text).toContain('cloud/big');
    expect(text).toContain('Request body');
    expect(text).toContain(newest?.request_body ?? 'missing');
    expect(text).toContain('Response body');
    await shoot('replay-detail.png');
    await detail.evaluate((panel) => panel.scrollTo(0, panel.scrollHeight));
    await page.screenshot({ path: join(SCREENSHOTS, 'replay-detail-bodies.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot('replay-detail-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows the privacy reasons and the truncated flag of a private record', async () => {
    await page.getByRole('combobox', { name: 'Decision' }).selectOption('');
    await page.getByRole('combobox', { name: 'Private' }).selectOption('true');
    const privateIds = written.filter((r) => r.private).map((r) => r.id);
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="replay-row"]').length === count,
      privateIds.length,
    );
    const cut = written.find((r) => r.response_body_truncated);
    expect(cut?.private).toBe(true);
    await page.locator(`[data-record-id="${cut?.id ?? ''}"]`).click();
    const detail = page.getByTestId('replay-detail');
    await detail.locator('.replay-body__cut').waitFor();
    expect(await detail.innerText()).toContain('an IBAN in the prompt');
  });

  it('shows a designed empty state when nothing matches', async () => {
    await page.getByRole('searchbox', { name: 'Search the routing records' }).fill('zebra');
    await page.getByText('No record matches these filters').waitFor();
    await shoot('replay-empty.png');
  });
});

describe('insights page', () => {
  async function totals(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const id of ['requests', 'tokens', 'cost', 'baseline', 'savings', 'kept-local']) {
      out[id] = await page.getByTestId(`total-${id}`).locator('.insights-total__value').innerText();
    }
    return out;
  }

  it('shows totals equal to GET /api/v1/insights over all time', async () => {
    await page.goto(`${serve.url}#/insights`);
    await page.getByRole('radio', { name: 'All' }).click();
    await page.getByTestId('total-requests').waitFor();
    const api = (await (await fetch(new URL('api/v1/insights', serve.url))).json()) as Insights;
    expect(api.record_count).toBe(written.length);
    const money = (value: number) =>
      new Intl.NumberFormat('en', {
        style: 'currency',
        currency: 'USD',
        minimumFractionDigits: value !== 0 && Math.abs(value) < 0.01 ? 4 : 2,
        maximumFractionDigits: value !== 0 && Math.abs(value) < 0.01 ? 4 : 2,
      }).format(value);
    expect(await totals()).toEqual({
      requests: String(api.record_count),
      tokens: new Intl.NumberFormat('en').format(api.token_volume.total_tokens),
      cost: money(api.summary.actual_spend),
      baseline: money(api.summary.baseline_spend),
      savings: money(api.summary.total_saved),
      'kept-local': `${Math.round((api.privacy.kept_local / api.record_count) * 100)}%`,
    });
    expect(api.summary.total_saved).toBeGreaterThan(0);
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await shoot('insights-all.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot('insights-all-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('narrows to the last 24 hours', async () => {
    await page.getByRole('radio', { name: '24 h' }).click();
    const today = written.filter((r) => Date.parse(r.created_at) > Date.now() - 24 * HOUR);
    await page.waitForFunction(
      (count) =>
        document.querySelector('[data-testid="total-requests"] .insights-total__value')
          ?.textContent === String(count),
      today.length,
    );
    await shoot('insights-24h.png');
    expect(problems).toEqual([]);
  });
});
