import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pricedStandInPolicy } from '../support/priced-policy';
import { runHomelane } from '../support/serve-process';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// `homelane chat` leaves a record in the data folder's database, and
// `homelane replay list | show` reads it back — answered, or failed with the
// partial answer marked.

const temp = makeTempDir('homelane-replay-cli-');
const dataDir = join(temp.dir, 'data');
const policy = join(temp.dir, 'policy.yaml');
let llm: StandInLlm;

const run = (args: string[]) =>
  runHomelane([...args, '--data-dir', dataDir], 30_000, { env: { HOMELANE_LOG_LEVEL: 'silent' } });

function recordIdOf(stderr: string): string {
  const match = /record: ([0-9a-f]{32})/.exec(stderr);
  if (!match?.[1]) throw new Error(`no record id in:\n${stderr}`);
  return match[1];
}

beforeAll(async () => {
  llm = await startStandInLlm();
  writeFileSync(policy, pricedStandInPolicy(llm.url));
});
afterAll(async () => {
  await llm.stop();
  temp.cleanup();
});
beforeEach(async () => {
  await llm.reset();
});

describe('homelane replay (built)', () => {
  it('chat leaves a record that replay show prints: route, lane, tokens, cost and the answer', async () => {
    const chatted = await run([
      'chat',
      '-c',
      policy,
      '--lite',
      'Summarise the water cycle in two lines.',
    ]);
    expect(chatted.code).toBe(0);
    const id = recordIdOf(chatted.stderr);
    const shown = await run(['replay', 'show', id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`id           ${id}`);
    expect(shown.stdout).toMatch(/status\s+completed/);
    expect(shown.stdout).toMatch(/model\s+vllm-sr\/auto → local\/small → stand-in-small/);
    expect(shown.stdout).toMatch(/lane\s+local\/small_box \(local\)/);
    expect(shown.stdout).toMatch(/tokens\s+\d+ prompt \+ \d+ completion/);
    // Free local model, baseline cloud/big: the cost is 0 and the savings are the baseline's price.
    expect(shown.stdout).toMatch(/cost\s+0 USD \(baseline cloud\/big: [\d.e-]+, saved [\d.e-]+\)/);
    expect(shown.stdout).toContain('prompt       Summarise the water cycle in two lines.');
    expect(shown.stdout).toContain('answer       Echo: Summarise the water cycle in two lines.');
    const json = JSON.parse((await run(['replay', 'show', id, '--json'])).stdout) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({
      id,
      lifecycle_state: 'completed',
      streaming: true,
      private: false,
    });
    expect(Number(json['ttft_ms'])).toBeGreaterThanOrEqual(0);
  });

  it('records a dropped stream as failed, with the partial answer kept and marked', async () => {
    await llm.setBehaviour({ dropAfterEvents: 3 });
    const chatted = await run(['chat', '-c', policy, '--lite', 'Tell me about rivers and lakes.']);
    expect(chatted.code).toBe(1);
    const id = recordIdOf(chatted.stderr);
    const record = JSON.parse((await run(['replay', 'show', id, '--json'])).stdout) as Record<
      string,
      unknown
    >;
    expect(record).toMatchObject({
      lifecycle_state: 'failed',
      terminal_reason: 'stream_dropped (partial answer kept)',
      lane_id: 'local/small_box',
    });
    expect(String(record['response_body'])).toMatch(/^Echo: /);
  });

  it('lists records newest first, filters them, and masks what the detector finds', async () => {
    await run(['chat', '-c', policy, '--lite', 'Write to ada@example.org about lakes.']);
    const listed = await run(['replay', 'list', '--json']);
    const page = JSON.parse(listed.stdout) as { records: { prompt: string; private: boolean }[] };
    expect(page.records.length).toBeGreaterThanOrEqual(3);
    expect(page.records[0]).toMatchObject({
      prompt: 'Write to [EMAIL_ADDRESS] about lakes.',
      private: true,
    });
    const privateOnly = JSON.parse(
      (await run(['replay', 'list', '--private', '--json'])).stdout,
    ) as {
      records: unknown[];
    };
    expect(privateOnly.records).toHaveLength(1);
    const searched = await run(['replay', 'list', '--search', 'water cycle']);
    expect(searched.stdout.trim().split('\n')).toHaveLength(1);
    expect(searched.stdout).toContain('completed');
    const missing = await run(['replay', 'show', 'f'.repeat(32)]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`there is no record ${'f'.repeat(32)}`);
    // `latest` is the newest record: the one just made.
    const latest = await run(['replay', 'show', 'latest']);
    expect(latest.code).toBe(0);
    expect(latest.stdout).toContain('prompt       Write to [EMAIL_ADDRESS] about lakes.');
  });

  it('says there is nothing to show when latest is asked of an empty store', async () => {
    const empty = join(temp.dir, 'empty-data');
    const shown = await runHomelane(['replay', 'show', 'latest', '--data-dir', empty], 30_000, {
      env: { HOMELANE_LOG_LEVEL: 'silent' },
    });
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain('there are no records yet');
  });

  it('keeps a conversation: the next request carries its history, and the messages are stored', async () => {
    const first = await run([
      'chat',
      '-c',
      policy,
      '--lite',
      '--conversation',
      'talk',
      'Name a river.',
    ]);
    expect(first.code).toBe(0);
    const second = await run([
      'chat',
      '-c',
      policy,
      '--lite',
      '--conversation',
      'talk',
      'And a lake?',
    ]);
    expect(second.code).toBe(0);
    const sent = (await llm.requests()).filter(
      (request) => request.path === '/v1/chat/completions',
    );
    const messages = sent.at(-1)?.body?.['messages'] as { role: string; content: string }[];
    expect(messages).toEqual([
      { role: 'user', content: 'Name a river.' },
      { role: 'assistant', content: 'Echo: Name a river.' },
      { role: 'user', content: 'And a lake?' },
    ]);
    const listed = JSON.parse(
      (await run(['replay', 'list', '--conversation', 'talk', '--json'])).stdout,
    ) as { records: unknown[] };
    expect(listed.records).toHaveLength(2);
  });
});
