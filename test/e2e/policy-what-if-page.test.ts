import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotWholePage } from '../support/app-page';
import { launchChromium, watchPageProblems } from '../support/chromium';
import { dataOf, rpcOverHttp } from '../support/rpc-http';
import { REPO_ROOT, startServe } from '../support/serve-process';
import type { ServeProcess } from '../support/serve-process';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// The what-if panel of the Policy page in a real Chromium against `homelane
// serve`: traffic goes through the OpenAI-compatible endpoint to the
// stand-in LLM, then the policy in force is tried (nothing changes) and an
// edit that sends code questions to the cloud (they would leave; the private
// one stays, and the panel says so in green).

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

function policy(standIn: string): string {
  return `version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - name: local/small
      provider_model_id: stand-in-small
      pricing: { currency: USD, prompt_per_1m: 0, completion_per_1m: 0 }
      backend_refs: [{ name: box, base_url: ${standIn}/v1 }]
    - name: cloud/big
      provider_model_id: stand-in-large
      pricing: { currency: USD, prompt_per_1m: 2, completion_per_1m: 8 }
      backend_refs: [{ name: api, base_url: ${standIn}/v1 }]
routing:
  modelCards:
    - { name: local/small, tags: [deployment:local] }
    - { name: cloud/big, tags: [deployment:cloud] }
  signals:
    keywords:
      - { name: code, operator: OR, keywords: [python, compile] }
  decisions:
    - name: code
      priority: 20
      rules: { operator: AND, conditions: [{ type: keyword, name: code }] }
      modelRefs: [{ model: local/small }]
`;
}

const temp = makeTempDir('homelane-what-if-page-');
const problems: string[] = [];
let llm: StandInLlm;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const recordIds = new Map<string, string>();

async function send(content: string): Promise<void> {
  const response = await fetch(new URL('/v1/chat/completions', serve.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content }] }),
  });
  const answer = await response.text();
  expect(response.status, answer).toBe(200);
  recordIds.set(content, response.headers.get('x-vsr-replay-id') ?? '');
}

const shoot = (name: string) => screenshotWholePage(page, join(SCREENSHOTS, name));

const slot = () => page.getByTestId('policy-whatif-slot');

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  llm = await startStandInLlm();
  const file = join(temp.dir, 'policy.yaml');
  writeFileSync(file, policy(llm.url));
  serve = await startServe(
    ['--port', '0', '--data-dir', join(temp.dir, 'data'), '--config', file],
    60_000,
  );
  for (const text of [
    'write python to sort a list',
    'hello there',
    'python help please, my email is jane.doe@example.com',
  ])
    await send(text);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  watchPageProblems(page, problems);
  await page.goto(new URL('#/policy', serve.url).toString());
  await page.waitForSelector('[data-testid="policy-status"][data-state="ready"]');
  await page.getByTestId('policy-whatif').click();
  await slot().waitFor();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await llm?.stop();
  temp.cleanup();
});

describe('the what-if panel on the Policy page', () => {
  it('routes the stored requests again under the policy in force: nothing changes', async () => {
    await slot().getByTestId('whatif-run').click();
    const summary = slot().getByTestId('whatif-summary');
    await summary.waitFor({ timeout: 20_000 });
    expect(await summary.getAttribute('data-considered')).toBe('3');
    expect(await summary.getAttribute('data-changed')).toBe('0');
    expect(await slot().getByTestId('whatif-private-off').innerText()).toContain('0');
    await shoot('policy-what-if-01-unchanged.png');
  });

  it('lists the code questions an edit sends to the cloud, and keeps the private one local', async () => {
    const active = dataOf((await rpcOverHttp(serve.url, 'policy.active', {})).result);
    const edited = (active.dsl ?? '').replace(
      /(ROUTE code[\s\S]*?MODEL\s+")local\/small(")/,
      '$1cloud/big$2',
    );
    expect(edited).not.toBe(active.dsl);
    await page.getByTestId('policy-dsl-editor').locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(edited);
    await slot().getByTestId('whatif-run').click();
    const summary = slot().getByTestId('whatif-summary');
    await expect.poll(() => summary.getAttribute('data-changed'), { timeout: 20_000 }).toBe('2');
    const rows = slot().getByTestId('whatif-changes').locator('tbody tr');
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-record-id')));
    expect(ids.sort()).toEqual(
      [
        recordIds.get('write python to sort a list'),
        recordIds.get('python help please, my email is jane.doe@example.com'),
      ].sort(),
    );
    const leaving = slot().locator(
      `[data-record-id="${recordIds.get('write python to sort a list')}"]`,
    );
    expect(await leaving.getAttribute('data-leaves')).toBe('true');
    const privateOff = slot().getByTestId('whatif-private-off');
    expect(await privateOff.innerText()).toContain('0');
    expect(await privateOff.getAttribute('class')).toContain('whatif-card--ok');
    await shoot('policy-what-if-02-cloud-edit.png');
    expect(problems).toEqual([]);
  });
});
