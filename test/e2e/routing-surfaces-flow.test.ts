import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Insights, MethodInput, MethodName } from '../../src-main/contract';
import { pasteInto, screenshotWholePage } from '../support/app-page';
import { launchChromium, watchPageProblems } from '../support/chromium';
import { dataOf, rpcOverHttp } from '../support/rpc-http';
import { REPO_ROOT, startServe } from '../support/serve-process';
import type { ServeProcess } from '../support/serve-process';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedPath } from '../support/shared-recipes';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// The routing surfaces together, in a real Chromium against `homelane serve`
// running upstream's balance recipe with recorded traffic (its model
// endpoints pointed at the stand-in server, so real requests were answered
// and stored): the Python prompt's path lit in the topology; a ROUTE edited
// in the DSL, broken (a located diagnostic), fixed, tried against the
// recorded traffic with what-if (the changed-request list), applied, and the
// topology following; replay filtered by decision with a record opened; and
// the insights totals equal to the store's aggregates.

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const PROMPT = 'Debug this Python stack trace and suggest the most likely fix.';
const ROUTE = 'medium_code_general';
const BEFORE_MODEL = 'qwen/qwen3.5-rocm';
const AFTER_MODEL = 'google/gemini-2.5-flash-lite';
const TRAFFIC = [
  PROMPT,
  'Debug this Python stack trace: KeyError in the loop, what is the most likely fix?',
  'hi there',
  'What is the capital of France?',
  PROMPT,
  'Write a short poem about autumn leaves.',
];

describe.skipIf(!HAS_SHARED)(
  `routing surfaces on the balance recipe (${HAS_SHARED ? 'from ../shared' : SHARED_MISSING_REASON})`,
  () => {
    const temp = makeTempDir('homelane-surfaces-');
    const problems: string[] = [];
    let llm: StandInLlm;
    let serve: ServeProcess;
    let browser: Browser;
    let page: Page;
    let activeDsl = '';
    /** Recorded requests the edit is about: the ones the edited route answered. */
    let routeRecords: string[] = [];

    const rpc = async <M extends MethodName>(method: M, input: MethodInput<M>) =>
      dataOf((await rpcOverHttp(serve.url, method, input)).result);

    const shoot = (name: string) => screenshotWholePage(page, join(SCREENSHOTS, name));
    const pasteDsl = (text: string) => pasteInto(page, 'policy-dsl-editor', text);

    const errorsShown = async () => {
      const diagnostics = page.getByTestId('policy-diagnostics');
      return (await diagnostics.getAttribute('data-state')) === 'checked'
        ? Number(await diagnostics.getAttribute('data-errors'))
        : null;
    };

    /** The route's lines in the printed DSL: from its ROUTE line to its closing brace. */
    function routeSpan(lines: string[]): { start: number; end: number } {
      const start = lines.findIndex((line) => line.startsWith(`ROUTE ${ROUTE} `));
      const end = lines.findIndex((line, i) => i > start && line === '}');
      expect(start).toBeGreaterThan(0);
      return { start, end };
    }

    async function testPromptInTopology(): Promise<string> {
      await page.goto(`${serve.url}#/topology`);
      await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
      await page.getByLabel('Prompt to test').fill(PROMPT);
      await page.getByRole('button', { name: 'Test' }).click();
      await page.waitForSelector('.topology-test__outcome', { timeout: 60_000 });
      const lit = page.locator('.topology-node--model[data-lit="true"]');
      expect(await lit.count()).toBe(1);
      expect(
        await page
          .locator('.topology-node--decision[data-lit="true"] .topology-node__label')
          .innerText(),
      ).toBe(ROUTE);
      return lit.locator('.topology-node__label').innerText();
    }

    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      llm = await startStandInLlm();
      // Every model of the recipe is served by one vLLM at `vllm:8000`; here the stand-in plays it.
      const host = new URL(llm.url).host;
      const config = readFileSync(sharedPath('balance/config.yaml'), 'utf8').replaceAll(
        'endpoint: vllm:8000',
        `endpoint: ${host}`,
      );
      const file = join(temp.dir, 'balance.yaml');
      writeFileSync(file, config);
      serve = await startServe(
        ['--port', '0', '--data-dir', join(temp.dir, 'data'), '-c', file],
        60_000,
      );
      for (const [i, content] of TRAFFIC.entries()) {
        const response = await fetch(new URL('/v1/chat/completions', serve.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'vllm-sr/auto',
            stream: i % 2 === 1,
            messages: [{ role: 'user', content }],
          }),
        });
        const body = await response.text();
        expect(response.status, body).toBe(200);
      }
      const listed = await rpc('replay.list', {
        decision: ROUTE,
      });
      routeRecords = listed.records.map((record) => record.id);
      browser = await launchChromium();
      page = await browser.newPage({
        viewport: { width: 1440, height: 900 },
        colorScheme: 'light',
      });
      watchPageProblems(page, problems);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await serve?.stop();
      await llm?.stop();
      temp.cleanup();
    });

    it('recorded the traffic: the code questions went to the route under edit', () => {
      expect(routeRecords.length).toBe(3);
    });

    it(`lights the Python prompt's path in the topology, ending at ${BEFORE_MODEL}`, async () => {
      expect(await testPromptInTopology()).toBe(BEFORE_MODEL);
      await page.screenshot({ path: join(SCREENSHOTS, 'surfaces-01-topology-before.png') });
    }, 90_000);

    it('marks a broken edit of the ROUTE on its line, and clears once fixed', async () => {
      await page.goto(`${serve.url}#/policy`);
      await page.waitForSelector('[data-testid="policy-status"][data-state="ready"]');
      await expect.poll(errorsShown, { timeout: 20_000 }).toBe(0);
      activeDsl = (await rpc('policy.active', {})).dsl ?? '';
      const lines = activeDsl.split('\n');
      const { start, end } = routeSpan(lines);
      const priority = lines.findIndex(
        (line, i) => i > start && i < end && /^\s+PRIORITY /.test(line),
      );
      const broken = [...lines];
      broken[priority] = '  PRIORITY two-hundred';
      await pasteDsl(broken.join('\n'));
      await expect.poll(errorsShown, { timeout: 20_000 }).toBeGreaterThan(0);
      // The problem is listed at the line that was broken (1-based).
      const list = page.getByTestId('policy-problems');
      await expect.poll(() => list.innerText(), { timeout: 10_000 }).toContain(`${priority + 1}:`);
      expect(await page.getByTestId('policy-apply').isDisabled()).toBe(true);
      await shoot('surfaces-02-broken-route.png');

      // The fix: the priority back, and the route's second model made its first.
      const fixed = [...lines];
      const model = fixed.findIndex((line, i) => i > start && i < end && /^\s+MODEL /.test(line));
      expect(fixed[model]).toContain(`"${BEFORE_MODEL}"`);
      expect(fixed[model + 1]).toContain(`"${AFTER_MODEL}"`);
      const first = fixed[model]!.replace(/^\s+MODEL\s+/, '').replace(/,$/, '');
      const second = fixed[model + 1]!.trim();
      fixed[model] = `  MODEL ${second},`;
      fixed[model + 1] = `        ${first}`;
      await pasteDsl(fixed.join('\n'));
      await expect.poll(errorsShown, { timeout: 20_000 }).toBe(0);
      await expect.poll(() => page.getByTestId('policy-apply').isEnabled()).toBe(true);
    }, 90_000);

    it('lists exactly the recorded requests of the route in a what-if of the edit', async () => {
      await page.getByTestId('policy-whatif').click();
      const slot = page.getByTestId('policy-whatif-slot');
      await slot.getByTestId('whatif-run').click();
      const summary = slot.getByTestId('whatif-summary');
      await expect
        .poll(() => summary.getAttribute('data-changed'), { timeout: 60_000 })
        .toBe(String(routeRecords.length));
      expect(await summary.getAttribute('data-considered')).toBe(String(TRAFFIC.length));
      expect(await slot.getByTestId('whatif-private-off').innerText()).toContain('0');
      const rows = slot.getByTestId('whatif-changes').locator('[data-record-id]');
      const ids = await rows.evaluateAll((all) =>
        all.map((row) => row.getAttribute('data-record-id')),
      );
      expect(ids.sort()).toEqual([...routeRecords].sort());
      for (const text of await rows.allInnerTexts()) expect(text).toContain(AFTER_MODEL);
      await shoot('surfaces-03-what-if.png');
    }, 120_000);

    it('applies the edit, and the topology follows it', async () => {
      await page.getByTestId('policy-apply').click();
      await page.getByTestId('policy-apply-note').fill(`${ROUTE}: ${AFTER_MODEL} first`);
      await page.getByTestId('policy-apply-now').click();
      await page.getByTestId('policy-apply-result').waitFor({ timeout: 30_000 });
      await expect
        .poll(() => page.getByTestId('policy-status').getAttribute('data-dirty'))
        .toBe('false');
      const history = await rpc('policy.history', {});
      expect(history.versions[0]?.note).toBe(`${ROUTE}: ${AFTER_MODEL} first`);

      expect(await testPromptInTopology()).toBe(AFTER_MODEL);
      await page.screenshot({ path: join(SCREENSHOTS, 'surfaces-04-topology-after.png') });
    }, 120_000);

    it('filters replay by the decision and opens one of its records', async () => {
      await page.goto(`${serve.url}#/replay`);
      await page.waitForSelector('[data-testid="replay-row"]');
      await page.getByRole('combobox', { name: 'Decision' }).selectOption(ROUTE);
      await page.waitForFunction(
        (count) => document.querySelectorAll('[data-testid="replay-row"]').length === count,
        routeRecords.length,
      );
      const rows = page.getByTestId('replay-row');
      const ids = await rows.evaluateAll((all) => all.map((row) => row.dataset['recordId']));
      expect(new Set(ids)).toEqual(new Set(routeRecords));
      await rows.first().click();
      const detail = page.getByTestId('replay-detail');
      await detail.locator('.replay-body').first().waitFor();
      const text = await detail.innerText();
      expect(text).toContain(ROUTE);
      expect(text).toContain(BEFORE_MODEL);
      expect(text).toContain('Request body');
      await shoot('surfaces-05-replay-record.png');
    });

    it("shows insights totals equal to the store's aggregates", async () => {
      await page.goto(`${serve.url}#/insights`);
      await page.getByRole('radio', { name: 'All' }).click();
      await page.getByTestId('total-requests').waitFor();
      const api = (await (await fetch(new URL('api/v1/insights', serve.url))).json()) as Insights;
      expect(api.record_count).toBe(TRAFFIC.length);
      const value = (id: string) =>
        page.getByTestId(`total-${id}`).locator('.insights-total__value').innerText();
      await expect.poll(() => value('requests')).toBe(String(api.record_count));
      expect(await value('tokens')).toBe(
        new Intl.NumberFormat('en').format(api.token_volume.total_tokens),
      );
      expect(await value('kept-local')).toBe(
        `${Math.round((api.privacy.kept_local / api.record_count) * 100)}%`,
      );
      await shoot('surfaces-06-insights.png');
      expect(problems).toEqual([]);
    });
  },
);
