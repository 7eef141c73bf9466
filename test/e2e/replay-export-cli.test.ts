import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pricedStandInPolicy } from '../support/priced-policy';
import { runHomelane } from '../support/serve-process';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// Records made by `homelane chat` on one machine (data folder A) are exported
// with `replay export`, imported on another (data folder B) with
// `replay import`, and read there with `replay list | show --from-import` —
// while B's own records stay as they were. CSV goes to stdout for spreadsheets.

const temp = makeTempDir('homelane-replay-export-cli-');
const machineA = join(temp.dir, 'machine-a');
const machineB = join(temp.dir, 'machine-b');
const policy = join(temp.dir, 'policy.yaml');
const exportFile = join(temp.dir, 'shared', 'laptop.jsonl');
let llm: StandInLlm;
const idsOnA: string[] = [];
let idOnB = '';

const run = (args: string[], dataDir: string) =>
  runHomelane([...args, '--data-dir', dataDir], 30_000, {
    env: { HOMELANE_LOG_LEVEL: 'silent' },
  });

async function chat(text: string, dataDir: string): Promise<string> {
  const chatted = await run(['chat', '-c', policy, '--lite', text], dataDir);
  expect(chatted.code).toBe(0);
  const match = /record: ([0-9a-f]{32})/.exec(chatted.stderr);
  if (!match?.[1]) throw new Error(`no record id in:\n${chatted.stderr}`);
  return match[1];
}

const listJson = async (args: string[], dataDir: string) => {
  const listed = await run(['replay', 'list', '--json', ...args], dataDir);
  expect(listed.stderr).toBe('');
  return JSON.parse(listed.stdout) as { records: { id: string }[] };
};

beforeAll(async () => {
  llm = await startStandInLlm();
  writeFileSync(policy, pricedStandInPolicy(llm.url));
  idsOnA.push(await chat('Summarise the water cycle, in "two" lines.', machineA));
  idsOnA.push(await chat('Name three rivers in Europe.', machineA));
  idOnB = await chat('What is a lake?', machineB);
});
afterAll(async () => {
  await llm.stop();
  temp.cleanup();
});

describe('homelane replay export | import (built)', () => {
  it('exports JSONL to a file, imports it on another machine, and reads it there', async () => {
    // The folder of --out must exist: the export is written whole or not at all.
    const missingFolder = await run(['replay', 'export', '--out', exportFile], machineA);
    expect(missingFolder.code).toBe(1);
    expect(missingFolder.stderr).toContain(`cannot write ${exportFile}`);
    const shared = join(temp.dir, 'shared');
    mkdirSync(shared);
    const written = await run(
      ['replay', 'export', '--format', 'jsonl', '--out', exportFile],
      machineA,
    );
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(readdirSync(shared)).toEqual(['laptop.jsonl']);
    const lines = readFileSync(exportFile, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      format: 'homelane-replay',
      version: 1,
      count: 2,
    });
    expect(lines).toHaveLength(3);

    const imported = await run(['replay', 'import', exportFile], machineB);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(
      `Imported 2 of 2 records into ${join(machineB, 'imports', 'laptop.db')} (0 already there, 0 refused).`,
    );
    expect(imported.stdout).toContain('homelane replay list --from-import laptop');

    const fromImport = await listJson(['--from-import', 'laptop'], machineB);
    expect(fromImport.records.map((record) => record.id).sort()).toEqual([...idsOnA].sort());
    for (const id of idsOnA) {
      const original = await run(['replay', 'show', id, '--json'], machineA);
      const copy = await run(['replay', 'show', id, '--json', '--from-import', 'laptop'], machineB);
      expect(copy.code).toBe(0);
      expect(JSON.parse(copy.stdout)).toStrictEqual(JSON.parse(original.stdout));
    }
    const shown = await run(
      ['replay', 'show', idsOnA[0] ?? '', '--from-import', 'laptop'],
      machineB,
    );
    expect(shown.stdout).toContain('prompt       Summarise the water cycle, in "two" lines.');
    const byFile = await listJson(['--db', join(machineB, 'imports', 'laptop.db')], machineB);
    expect(byFile.records).toHaveLength(2);

    // B's own records are untouched, and the import is not among them.
    const own = await listJson([], machineB);
    expect(own.records.map((record) => record.id)).toEqual([idOnB]);

    const again = await run(['replay', 'import', exportFile], machineB);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Imported 0 of 2 records');
    expect(again.stdout).toContain('(2 already there, 0 refused)');
  });

  it('imports the good lines of a damaged export, names the bad ones, and exits 1', async () => {
    const lines = readFileSync(exportFile, 'utf8').trimEnd().split('\n');
    const damaged = join(temp.dir, 'damaged.jsonl');
    writeFileSync(
      damaged,
      `${lines[0] ?? ''}\n${lines[1] ?? ''}\n{"id": oops}\n${lines[2] ?? ''}\n`,
    );
    const imported = await run(['replay', 'import', damaged, '--json'], machineB);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(`${damaged}:3: record: not valid JSON`);
    expect(imported.stderr).toContain('the export announces 2 records but holds 3');
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 2, rejected: 1, read: 3 });
    const listed = await listJson(['--from-import', 'damaged'], machineB);
    expect(listed.records).toHaveLength(2);
  });

  it('refuses a newer export version and an import into the machine`s own database', async () => {
    const newer = join(temp.dir, 'newer.jsonl');
    writeFileSync(
      newer,
      `${JSON.stringify({ format: 'homelane-replay', version: 9, exported_at: '2030-01-01T00:00:00Z', source: { app_version: '9.0.0', schema_version: 40 }, count: 0 })}\n`,
    );
    const refused = await run(['replay', 'import', newer], machineB);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${newer}:1: version: the export is format version 9`);
    expect(refused.stderr).toContain('[too_new]');
    expect(readdirSync(join(machineB, 'imports'))).not.toContain('newer.db');

    const own = await run(
      ['replay', 'import', exportFile, '--into', join(machineB, 'homelane.db')],
      machineB,
    );
    expect(own.code).toBe(2);
    expect(own.stderr).toContain('[into_app_database]');
    expect((await listJson([], machineB)).records).toHaveLength(1);
  });

  it('exports CSV to stdout: a header row and quoted rows', async () => {
    const exported = await run(['replay', 'export', '--format', 'csv'], machineA);
    expect(exported.code).toBe(0);
    const [head, ...rows] = exported.stdout.split('\r\n');
    expect(head).toMatch(/^id,created_at,conversation_id,recipe,decision,/);
    expect(head).not.toContain('trace');
    expect(rows.at(-1)).toBe('');
    const water = rows.find((row) => row.startsWith(`${idsOnA[0] ?? ''},`));
    expect(water).toContain('"Summarise the water cycle, in ""two"" lines."');
    expect(water).toContain(',completed,');
  });
});
