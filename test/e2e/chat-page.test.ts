import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchPageProblems } from '../support/chromium';
import { REPO_ROOT, startServe } from '../support/serve-process';
import type { ServeProcess } from '../support/serve-process';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// The Chat page in a real Chromium against `homelane serve`, whose lanes are
// the stand-in LLM: a reply streams in with its routing badge, the badge
// opens the trace, a reply is stopped midway and regenerated, conversations
// are searched, renamed, exported and deleted, a dead lane shows its error
// in the thread; and against a second server whose only lane is in the
// cloud with cloud use set to ask, the "ask" prompt and "keep local".

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const temp = makeTempDir('homelane-chat-page-');
const problems: string[] = [];
let browser: Browser;

const policy = (url: string) => `version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - name: local/small
      provider_model_id: stand-in-small
      pricing: { currency: USD, prompt_per_1m: 3, completion_per_1m: 15 }
      backend_refs: [{ name: box, base_url: ${url}/v1 }]
routing:
  modelCards: [{ name: local/small, tags: [deployment:local] }]
  signals:
    keywords:
      - { name: code, operator: OR, keywords: [python] }
  decisions:
    - name: coding
      priority: 10
      rules: { operator: AND, conditions: [{ type: keyword, name: code }] }
      modelRefs: [{ model: local/small }]
`;

const cloudPolicy = (url: string) => `version: v0.3
providers:
  defaults: { default_model: cloud/big }
  models:
    - name: cloud/big
      provider_model_id: stand-in-large
      locality: cloud
      backend_refs: [{ name: api, base_url: ${url}/v1 }]
routing:
  decisions: []
`;

const CODE_QUESTION = [
  'Is this python right? <b>be strict</b>',
  '',
  '```python',
  'def double(values):',
  '    return [v * 2 for v in values]',
  '```',
  '',
  '| input | output |',
  '| --- | --- |',
  '| [1, 2] | [2, 4] |',
].join('\n');

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `chat-${name}.png`) });
}

async function openChat(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  watchPageProblems(page, problems);
  await page.goto(`${url}#/chat`);
  await page.waitForSelector('main[data-page="chat"] h1');
  await page.waitForSelector('[data-testid="no-conversations"], [data-testid="conversation"]');
  return page;
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('composer').press('Enter');
}

const lastAnswer = (page: Page) => page.locator('article.chat-msg--assistant').last();

async function answered(page: Page): Promise<void> {
  await page.waitForSelector('article.chat-msg--assistant[data-status="complete"]:last-of-type');
  await page.waitForFunction(() => !document.querySelector('[data-status="streaming"]'));
}

interface ChatServer {
  llm: StandInLlm;
  serve: ServeProcess;
  context: BrowserContext;
  page: Page;
  stop(): Promise<void>;
}

/**
 * The stand-in LLM, `homelane serve` on `profile` for it (the profile and the
 * data folder named after `name`), and the Chat page open in a fresh light
 * 1280×800 browser context.
 */
async function startChat(
  name: string,
  profile: (url: string) => string,
  options: {
    serveArgs?: string[];
    context?: BrowserContextOptions;
    permissions?: string[];
  } = {},
): Promise<ChatServer> {
  const stops: (() => Promise<unknown>)[] = [];
  // Stops what has started, the last first (all of it, or what did before a failure).
  const stop = async () => {
    for (const next of stops.splice(0).reverse()) await next();
  };
  try {
    const llm = await startStandInLlm();
    stops.push(() => llm.stop());
    const file = join(temp.dir, `${name}.yaml`);
    writeFileSync(file, profile(llm.url));
    const serve = await startServe([
      ...['--port', '0', '--data-dir', join(temp.dir, `${name}-data`), '--config', file],
      ...(options.serveArgs ?? []),
    ]);
    stops.push(() => serve.stop());
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: 'light',
      ...options.context,
    });
    stops.push(() => context.close());
    if (options.permissions)
      await context.grantPermissions(options.permissions, { origin: serve.url });
    return { llm, serve, context, page: await openChat(context, serve.url), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  temp.cleanup();
});

describe('the Chat page (web UI against homelane serve)', () => {
  let chat: ChatServer | undefined;
  let llm: StandInLlm;
  let page: Page;

  beforeAll(async () => {
    chat = await startChat('local', policy, {
      context: { acceptDownloads: true },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    ({ llm, page } = chat);
  });
  afterAll(() => chat?.stop());

  it('starts empty, with the shortcuts and no conversations', async () => {
    expect(await page.getByTestId('chat-title').innerText()).toBe('New chat');
    expect(await page.getByTestId('chat-empty').isVisible()).toBe(true);
    expect(await page.getByTestId('no-conversations').innerText()).toContain(
      'No conversations yet',
    );
    await shoot(page, 'empty-light');
  });

  it('streams a reply as Markdown with highlighted code, then shows its routing badge', async () => {
    await llm.setBehaviour({ eventDelayMs: 40 });
    await send(page, CODE_QUESTION);
    const streaming = page.locator('article[data-status="streaming"]');
    await streaming.waitFor();
    await page.waitForFunction(() => {
      const text = document.querySelector('article[data-status="streaming"] .md')?.textContent;
      return (text ?? '').length > 10;
    });
    const early = (await streaming.locator('.md').textContent()) ?? '';
    await page.waitForTimeout(300);
    const later = (await streaming.locator('.md').textContent()) ?? '';
    expect(later.length).toBeGreaterThan(early.length);
    await shoot(page, 'streaming-light');
    await answered(page);
    await llm.setBehaviour({});

    const answer = lastAnswer(page);
    expect(
      await answer.locator('.md-code[data-language="python"] .hljs-keyword').count(),
    ).toBeGreaterThan(0);
    expect(await answer.locator('.md table td').first().innerText()).toBe('[1, 2]');
    // The model's raw HTML shows as text; it is never an element.
    expect(await answer.locator('.md b').count()).toBe(0);
    expect(await answer.locator('.md').innerText()).toContain('<b>be strict</b>');

    const badge = answer.getByTestId('routing-badge');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="routing-badge"]')?.textContent?.includes('$'),
    );
    expect(await badge.getAttribute('data-locality')).toBe('local');
    expect(await badge.getAttribute('data-private')).toBe('false');
    const text = await badge.innerText();
    for (const part of ['coding', 'local/small', 'local/small_box', 'Local', 'Not private', '$']) {
      expect(text).toContain(part);
    }
    expect(text).toMatch(/\d+(\.\d)? (ms|s)/);

    await answer.locator('.md-code button').click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe('def double(values):\n    return [v * 2 for v in values]');
    expect(await page.locator('[data-testid="conversation"]').count()).toBe(1);
    await shoot(page, 'answer-light');
  });

  it("opens the reply's full trace from its badge, and Esc closes it", async () => {
    await lastAnswer(page).getByTestId('routing-badge').click();
    const drawer = page.getByTestId('trace-drawer');
    await drawer.locator('.trace-section').first().waitFor();
    const text = await drawer.innerText();
    expect(text).toContain('coding');
    expect(text).toContain('keyword');
    expect(await drawer.getByTestId('trace-lanes').innerText()).toContain('local/small_box');
    expect(await drawer.getByTestId('trace-lanes').innerText()).toContain('answered');
    await shoot(page, 'trace-light');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
  });

  it('stops a reply midway: the part that came is kept and marked; regenerate replaces it', async () => {
    await llm.setBehaviour({ eventDelayMs: 150 });
    await send(page, 'Tell me a long story about a lighthouse keeper and the sea at night');
    await page.waitForFunction(() =>
      (document.querySelector('article[data-status="streaming"] .md')?.textContent ?? '').includes(
        'long',
      ),
    );
    await page.keyboard.press('Escape');
    const marker = lastAnswer(page).getByTestId('partial-marker');
    await marker.waitFor();
    expect(await marker.innerText()).toContain('You stopped this answer');
    expect(await lastAnswer(page).getAttribute('data-status')).toBe('partial');
    await shoot(page, 'stopped-light');

    await llm.setBehaviour({});
    const before = await page.locator('article.chat-msg--assistant').count();
    await lastAnswer(page).getByRole('button', { name: 'Regenerate' }).click();
    await answered(page);
    expect(await page.locator('article.chat-msg--assistant').count()).toBe(before);
    expect(await lastAnswer(page).getAttribute('data-status')).toBe('complete');
    expect(await lastAnswer(page).locator('.md').innerText()).toContain(
      'lighthouse keeper and the sea at night',
    );
    expect(await page.getByTestId('partial-marker').count()).toBe(0);
  });

  it('starts, finds, renames, exports and deletes conversations', async () => {
    await page.keyboard.press('Control+n');
    expect(await page.getByTestId('chat-title').innerText()).toBe('New chat');
    await send(page, 'Plan a vegetable garden for a small balcony');
    await answered(page);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="conversation"]').length === 2,
    );

    await page.keyboard.press('Control+k');
    await page.keyboard.type('balcony');
    expect(await page.getByTestId('conversation').count()).toBe(1);
    await page.getByTestId('chat-search').fill('nothing like this');
    expect(await page.getByTestId('no-matches').isVisible()).toBe(true);
    await page.getByTestId('chat-search').fill('');

    const garden = page.getByTestId('conversation').first();
    await garden.getByRole('button', { name: /Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    await page.getByTestId('rename-input').fill('Balcony garden');
    await page.getByTestId('rename-input').press('Enter');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="chat-title"]')?.textContent === 'Balcony garden',
    );
    await garden.getByRole('button', { name: /Actions for/ }).click();
    await shoot(page, 'list-light');

    const [markdown] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Export as Markdown' }).click(),
    ]);
    expect(markdown.suggestedFilename()).toBe('balcony-garden.md');
    const mdText = readFileSync((await markdown.path()) as string, 'utf8');
    expect(mdText).toMatch(/^# Balcony garden\n/);
    expect(mdText).toContain('Echo: Plan a vegetable garden for a small balcony');

    await page.getByRole('button', { name: 'Export this conversation' }).click();
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Export as JSON' }).click(),
    ]);
    const document = JSON.parse(readFileSync((await json.path()) as string, 'utf8'));
    expect(document).toMatchObject({
      kind: 'homelane.conversation',
      conversation: { title: 'Balcony garden' },
    });

    await garden.getByRole('button', { name: /Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await garden.getByRole('button', { name: 'Delete' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="conversation"]').length === 1,
    );
    expect(await page.getByTestId('chat-title').innerText()).toBe('New chat');
  });

  it('shows the trace in the dark theme', async () => {
    await page.getByTestId('conversation').first().locator('.chat-item__open').click();
    await lastAnswer(page).getByTestId('routing-badge').waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'answer-dark');
    await lastAnswer(page).getByTestId('routing-badge').click();
    await page.getByTestId('trace-drawer').locator('.trace-section').first().waitFor();
    await shoot(page, 'trace-dark');
    await page.keyboard.press('Escape');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('says clearly in the thread when the lane is dead', async () => {
    await llm.stop();
    await page.getByTestId('new-chat').click();
    await send(page, 'Is anyone there?');
    const error = page.getByTestId('turn-error');
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toContain('No lane could take this message');
    expect(text).toContain('all_lanes_failed');
    expect(await error.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    expect(await error.getByRole('button', { name: 'Open the trace' }).isVisible()).toBe(true);
    await shoot(page, 'error-light');
    expect(problems).toEqual([]);
  });
});

describe('cloud use set to ask (web UI against homelane serve)', () => {
  let chat: ChatServer | undefined;
  let llm: StandInLlm;
  let page: Page;
  const modelCalls = async () =>
    (await llm.requests()).filter((request) => request.path === '/v1/chat/completions').length;

  beforeAll(async () => {
    chat = await startChat('cloud', cloudPolicy, { serveArgs: ['--cloud-escalation', 'ask'] });
    ({ llm, page } = chat);
  });
  afterAll(() => chat?.stop());

  it('asks before a cloud lane is used, and sends only once allowed', async () => {
    await send(page, 'What is the tallest mountain in Europe?');
    const ask = page.getByTestId('ask-prompt');
    await ask.waitFor();
    expect(await ask.innerText()).toContain('Send this message to a cloud lane?');
    expect(await modelCalls()).toBe(0);
    await shoot(page, 'ask-light');

    await ask.getByRole('button', { name: 'Send to the cloud once' }).click();
    await answered(page);
    const badge = lastAnswer(page).getByTestId('routing-badge');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="routing-badge"]')?.getAttribute('data-private') ===
        'false',
    );
    expect(await badge.getAttribute('data-locality')).toBe('cloud');
    expect(await modelCalls()).toBe(1);
    expect(await page.getByTestId('ask-prompt').count()).toBe(0);
  });

  it('keeps a chat local when switched: the cloud lane is refused, nothing is sent', async () => {
    await page.getByTestId('new-chat').click();
    const toggle = page.getByTestId('keep-local');
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    await send(page, 'Keep this one here');
    const error = page.getByTestId('turn-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('cloud escalation is off');
    expect(await error.innerText()).toContain('This chat is kept local');
    expect(await modelCalls()).toBe(1);
    expect(await page.getByTestId('keep-local').getAttribute('aria-checked')).toBe('true');
    await shoot(page, 'keep-local-light');
    expect(problems).toEqual([]);
  });
});
