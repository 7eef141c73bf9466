import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchPageProblems } from '../support/chromium';
import { REPO_ROOT, startServe } from '../support/serve-process';
import type { ServeProcess } from '../support/serve-process';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// A private message in the Chat page: the policy sends everything to a cloud
// model, but the message carries personal data, so the guard keeps it on the
// local lane. The badge says Private and Local, the trace says why, and the
// cloud stand-in never sees the message.

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const temp = makeTempDir('homelane-chat-private-');
const problems: string[] = [];
let browser: Browser;

const policy = (local: string, cloud: string) => `version: v0.3
providers:
  defaults: { default_model: cloud/big }
  models:
    - name: local/small
      provider_model_id: stand-in-small
      locality: local
      backend_refs: [{ name: box, base_url: ${local}/v1 }]
    - name: cloud/big
      provider_model_id: stand-in-large
      locality: cloud
      backend_refs: [{ name: api, base_url: ${cloud}/v1 }]
routing:
  modelCards: [{ name: local/small }, { name: cloud/big }]
  decisions:
    - name: everything_to_the_cloud
      priority: 10
      modelRefs: [{ model: cloud/big }]
`;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  temp.cleanup();
});

describe('a private message in the Chat page', () => {
  let local: StandInLlm;
  let cloud: StandInLlm;
  let serve: ServeProcess;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [local, cloud] = await Promise.all([startStandInLlm(), startStandInLlm()]);
    const file = join(temp.dir, 'policy.yaml');
    writeFileSync(file, policy(local.url, cloud.url));
    serve = await startServe(['--port', '0', '--data-dir', join(temp.dir, 'data'), '-c', file]);
    context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
    page = await context.newPage();
    watchPageProblems(page, problems);
    await page.goto(`${serve.url}#/chat`);
    await page.waitForSelector('main[data-page="chat"] h1');
  });
  afterAll(async () => {
    await context?.close();
    await serve?.stop();
    await Promise.all([local?.stop(), cloud?.stop()]);
  });

  it('stays on the local lane, and the badge and the trace say why', async () => {
    const secret = 'alice.martin@example.com';
    await page.getByTestId('composer').fill(`Draft a short reply to ${secret} about Tuesday.`);
    await page.getByTestId('composer').press('Enter');
    await page.waitForSelector('article.chat-msg--assistant[data-status="complete"]');
    const badge = page.getByTestId('routing-badge').last();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="routing-badge"]')?.getAttribute('data-private') ===
        'true',
    );
    expect(await badge.getAttribute('data-locality')).toBe('local');
    expect(await badge.innerText()).toContain('Private');
    // The badge names the alias that answered, not the one the guard refused.
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="routing-badge"] .chat-badge__mono')?.textContent ===
        'local/small',
    );
    expect(await badge.innerText()).not.toContain('cloud/big');

    await badge.click();
    const drawer = page.getByTestId('trace-drawer');
    await drawer.waitFor();
    const text = await drawer.innerText();
    expect(text).toContain('Private: only local and LAN lanes may answer it.');
    expect(text).toMatch(/pii|email/i);
    expect(text).toContain('local/small');
    await page.screenshot({ path: join(SCREENSHOTS, 'chat-private-trace.png') });

    // The cloud stand-in never received the message; the local one did.
    const seen = async (llm: StandInLlm) => JSON.stringify(await llm.requests());
    expect(await seen(cloud)).not.toContain(secret);
    expect(await seen(local)).toContain(secret);
    // …under the local model's own id, not the cloud model's.
    const chats = (await local.requests()).filter((r) => r.path.endsWith('/chat/completions'));
    expect(chats.map((r) => r.body?.model)).toEqual(['stand-in-small']);
  });

  it('logged no console errors or failed requests', () => {
    expect(problems).toEqual([]);
  });
});
