import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pricedStandInPolicy } from '../support/priced-policy';
import { runHomelane } from '../support/serve-process';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// `homelane chat --attach FILE`: text files go to the model with the message,
// each between lines that name it, and stay with the stored message; a file
// that cannot be sent is refused before anything leaves.

const temp = makeTempDir('homelane-chat-cli-');
const dataDir = join(temp.dir, 'data');
const policy = join(temp.dir, 'policy.yaml');
let llm: StandInLlm;

const run = (args: string[]) =>
  runHomelane(['chat', '-c', policy, '--lite', ...args, '--data-dir', dataDir], 30_000, {
    env: { HOMELANE_LOG_LEVEL: 'silent' },
  });

const chatRequests = async () =>
  (await llm.requests()).filter((request) => request.path === '/v1/chat/completions');

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

describe('homelane chat --attach (built)', () => {
  it('sends the files with the message and keeps them on the stored message', async () => {
    const shopping = join(temp.dir, 'shopping.txt');
    const recipe = join(temp.dir, 'recipe.md');
    writeFileSync(shopping, 'Flour\nSugar\n');
    writeFileSync(recipe, '# Cake\nMix and bake.');
    const chatted = await run([
      '--conversation',
      'baking',
      '--attach',
      shopping,
      '--attach',
      recipe,
      'What is missing for the cake?',
    ]);
    expect(chatted.code).toBe(0);
    const content =
      'What is missing for the cake?\n\n' +
      '--- attached file: shopping.txt ---\nFlour\nSugar\n\n--- end of shopping.txt ---\n\n' +
      '--- attached file: recipe.md ---\n# Cake\nMix and bake.\n--- end of recipe.md ---';
    const sent = (await chatRequests())[0]?.body?.['messages'] as { content: string }[];
    expect(sent).toEqual([{ role: 'user', content }]);
    expect(chatted.stdout).toBe(`Echo: ${content}\n`);
    expect(chatted.stderr).toMatch(/record: [0-9a-f]{32}/);

    const db = new Database(join(dataDir, 'homelane.db'), { readonly: true });
    try {
      const rows = db
        .prepare(
          "SELECT role, content, attachments, status FROM messages WHERE conversation_id = 'baking' ORDER BY id",
        )
        .all() as { role: string; content: string; attachments: string; status: string }[];
      expect(rows.map((row) => [row.role, row.status])).toEqual([
        ['user', 'complete'],
        ['assistant', 'complete'],
      ]);
      expect(rows[0]?.content).toBe('What is missing for the cake?');
      expect(JSON.parse(rows[0]?.attachments ?? '')).toEqual([
        { name: 'shopping.txt', text: 'Flour\nSugar\n' },
        { name: 'recipe.md', text: '# Cake\nMix and bake.' },
      ]);
      expect(JSON.parse(rows[1]?.attachments ?? '')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('refuses a missing, a binary and an over-1-MB file before sending anything', async () => {
    const binary = join(temp.dir, 'photo.jpg');
    writeFileSync(binary, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]));
    const huge = join(temp.dir, 'huge.log');
    writeFileSync(huge, 'x'.repeat(1024 * 1024 + 1));
    const cases: [string, RegExp][] = [
      [join(temp.dir, 'absent.txt'), /--attach: There is no file .*absent\.txt\. \[missing\]/],
      [binary, /--attach: .*photo\.jpg is not a text file .*\[binary\]/],
      [
        huge,
        /--attach: .*huge\.log is 1048577 bytes; an attachment is at most 1 MB.*\[too_large\]/,
      ],
    ];
    for (const [file, message] of cases) {
      const chatted = await run(['--attach', file, 'Read this']);
      expect(chatted.code).toBe(2);
      expect(chatted.stderr).toMatch(message);
      expect(chatted.stdout).toBe('');
    }
    expect(await chatRequests()).toEqual([]);
  });
});
