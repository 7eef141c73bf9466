import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { RouterConfig } from '../../../src-main/core/config/router-config';
import { CSV_COLUMNS, csvLines } from '../../../src-main/core/replay/export-csv';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  jsonlLines,
  writeLines,
} from '../../../src-main/core/replay/export-jsonl';
import type { ExportHeader } from '../../../src-main/core/replay/export-jsonl';
import {
  ImportError,
  formatProblem,
  importDatabasePath,
  importJsonl,
  importName,
  readExportHeader,
} from '../../../src-main/core/replay/import-jsonl';
import { newRecord } from '../../../src-main/core/replay/record-builder';
import { RECORD_FIELDS } from '../../../src-main/core/replay/record-schema';
import { RecordStore } from '../../../src-main/core/replay/record-store';
import type { RoutingRecord } from '../../../src-main/core/replay/record-types';
import { replaySettings } from '../../../src-main/core/replay/replay-settings';
import { Router } from '../../../src-main/core/router/router';
import { openDatabase } from '../../../src-main/core/store/database';
import { MIGRATIONS } from '../../../src-main/core/store/migrations/index';
import { APP_VERSION } from '../../../src-main/core/version';
import { makeTempDir } from '../../support/temp-dir';

// Export and import on real SQLite files made by the production migrations:
// JSONL round-trips every field exactly, CSV quotes what it must, and an
// import reads into a database of its own, line by line, keeping the good
// records when some are bad.

const CONFIG = `version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - { name: local/small, provider_model_id: local/small }
    - { name: cloud/big, provider_model_id: cloud/big }
routing:
  modelCards: [{ name: local/small }, { name: cloud/big }]
  signals:
    keywords:
      - { name: hard, operator: OR, keywords: [prove, architecture] }
  decisions:
    - name: hard_questions
      priority: 10
      rules: { operator: AND, conditions: [{ type: keyword, name: hard }] }
      modelRefs: [{ model: cloud/big }]
`;

let router: Router;
let temp: ReturnType<typeof makeTempDir>;
let sourceFile: string;
let sourceDb: Database.Database;
let source: RecordStore;
const opened: Database.Database[] = [];

function openStore(file: string): RecordStore {
  const db = openDatabase(file);
  opened.push(db);
  return new RecordStore(db);
}

beforeAll(async () => {
  const { config } = loadConfigText(CONFIG, 'replay.yaml');
  router = await Router.create(config as RouterConfig);
});
beforeEach(() => {
  temp = makeTempDir();
  sourceFile = join(temp.dir, 'source', 'homelane.db');
  sourceDb = openDatabase(sourceFile);
  opened.push(sourceDb);
  source = new RecordStore(sourceDb);
});
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  temp.cleanup();
});

async function routed(text: string, at: string): Promise<RoutingRecord> {
  const trace = await router.route({ text });
  return newRecord(trace, {
    body: { model: 'auto', messages: [{ role: 'user', content: text }] },
    streaming: true,
    routingMs: 0.25,
    settings: replaySettings(trace),
    now: new Date(at),
  });
}

/** A record with every field set, text that is hard to quote, and nested values. */
async function fullRecord(): Promise<RoutingRecord> {
  const base = await routed(
    'Prove "this", then: a, b;\nline two\r\nand ünïcödé — 日本語 🚀',
    '2026-11-25T10:00:00.123Z',
  );
  return {
    ...base,
    conversation_id: 'conv-1',
    lane_id: 'cloud/big_api',
    locality: 'cloud',
    private: true,
    privacy_reasons: [
      { kind: 'detector', detail: 'EMAIL_ADDRESS in message 0', message_index: 0, role: 'user' },
      { kind: 'guard_reroute', detail: 'kept local, "private"' },
    ],
    fallback_chain: [
      {
        lane_id: 'cloud/big_api',
        alias: 'cloud/big',
        source: 'selected',
        outcome: 'failed',
        reason: 'HTTP 503, "busy"',
        code: 'upstream_unavailable',
        latency_ms: 41.5,
      },
      {
        lane_id: 'local/small_box',
        alias: 'local/small',
        source: 'default_model',
        outcome: 'answered',
      },
    ],
    lifecycle_state: 'completed',
    terminal_reason: 'stop',
    ttft_ms: 120.5,
    duration_ms: 900,
    ended_at: '2026-11-25T10:00:01.000Z',
    prompt_tokens: 12,
    completion_tokens: 40,
    total_tokens: 52,
    cached_prompt_tokens: 4,
    cache_write_tokens: 2,
    actual_cost: 0.000123,
    baseline_cost: 0.0045,
    cost_savings: -0.000001,
    currency: 'USD',
    baseline_model: 'cloud/big',
    prompt_truncated: true,
    request_body_truncated: true,
    response_body: '=SUM(A1:A2) "quoted", and\nmore',
    response_body_truncated: true,
  };
}

/** Every nullable field null. */
async function bareRecord(): Promise<RoutingRecord> {
  const base = await routed('hello there', '2026-11-24T09:00:00.000Z');
  return {
    ...base,
    recipe: null,
    decision: null,
    decision_tier: null,
    decision_priority: null,
    confidence: null,
    selected_model: null,
    upstream_model: null,
    selection_method: null,
    locality: null,
    routing_ms: null,
    request_body: null,
    prompt: '',
  };
}

async function exportTo(file: string, store = source, filters = {}): Promise<void> {
  const schemaVersion = MIGRATIONS.at(-1)?.version ?? 0;
  const out = createWriteStream(file);
  await writeLines(jsonlLines(store, { filters, schemaVersion }), out);
  out.end();
  await finished(out);
}

const header = (fields: Partial<ExportHeader> = {}) =>
  JSON.stringify({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exported_at: '2026-11-25T12:00:00.000Z',
    source: { app_version: '0.1.0', schema_version: 2 },
    count: 0,
    ...fields,
  });

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF between rows. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += char;
  }
  if (field !== '' || row.length > 0) throw new Error('the CSV does not end with CRLF');
  return rows;
}

describe('JSONL export', () => {
  it('writes a versioned header, then every record exactly as stored, newest first', async () => {
    const full = await fullRecord();
    const bare = await bareRecord();
    source.insert(full);
    source.insert(bare);
    const file = join(temp.dir, 'out.jsonl');
    await exportTo(file);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      format: 'homelane-replay',
      version: 1,
      exported_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      source: { app_version: APP_VERSION, schema_version: MIGRATIONS.at(-1)?.version },
      count: 2,
    });
    expect(JSON.parse(lines[1] ?? '')).toStrictEqual(source.get(full.id));
    expect(JSON.parse(lines[2] ?? '')).toStrictEqual(source.get(bare.id));
    expect(Object.keys(JSON.parse(lines[1] ?? '') as object).sort()).toEqual(
      [...RECORD_FIELDS].sort(),
    );
  });

  it('pages through large stores and applies the filters, the header counting what follows', async () => {
    const base = await routed('Prove it.', '2026-01-01T00:00:00.000Z');
    for (let i = 0; i < 1203; i += 1) {
      source.insert({
        ...base,
        id: `r${String(i).padStart(5, '0')}`,
        created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 7)).toISOString(),
        private: i % 3 === 0,
      });
    }
    const schemaVersion = 2;
    const all = [...jsonlLines(source, { schemaVersion })];
    expect(all).toHaveLength(1204);
    const ids = all.slice(1).map((line) => (JSON.parse(line) as RoutingRecord).id);
    expect(new Set(ids).size).toBe(1203);
    const expected: string[] = [];
    for (let page = source.list({}, { limit: 500 }); ;) {
      expected.push(...page.records.map((record) => record.id));
      if (!page.next_cursor) break;
      page = source.list({}, { limit: 500, cursor: page.next_cursor });
    }
    expect(ids).toEqual(expected);
    const privateOnly = [...jsonlLines(source, { schemaVersion, filters: { private: true } })];
    expect((JSON.parse(privateOnly[0] ?? '') as ExportHeader).count).toBe(401);
    expect(privateOnly).toHaveLength(402);
  });
});

describe('JSONL import', () => {
  it('round-trips every record losslessly into a fresh database, conversations included', async () => {
    const records = [await fullRecord(), await bareRecord()];
    for (const record of records) source.insert(record);
    const file = join(temp.dir, 'out.jsonl');
    await exportTo(file);
    const target = openStore(join(temp.dir, 'imports', 'out.db'));
    const report = await importJsonl(file, target);
    expect(report).toMatchObject({ read: 2, imported: 2, skipped: 0, rejected: 0, problems: [] });
    expect(report.header.count).toBe(2);
    for (const record of records) {
      expect(target.get(record.id)).toStrictEqual(source.get(record.id));
      expect(target.get(record.id)).toStrictEqual(record);
    }
    expect(target.list({ conversation: 'conv-1' }).records.map((record) => record.id)).toEqual([
      records[0]?.id,
    ]);
    expect(target.list({ text: 'ünïcödé' }).records).toHaveLength(1);
  });

  it('skips records already present when the same export is imported again', async () => {
    source.insert(await fullRecord());
    source.insert(await bareRecord());
    const file = join(temp.dir, 'out.jsonl');
    await exportTo(file);
    const target = openStore(join(temp.dir, 'again.db'));
    await importJsonl(file, target);
    const again = await importJsonl(file, target);
    expect(again).toMatchObject({ read: 2, imported: 0, skipped: 2, rejected: 0 });
    expect(target.count()).toBe(2);
  });

  it('leaves the source database untouched: same rows, same bytes', async () => {
    source.insert(await fullRecord());
    source.insert(await bareRecord());
    sourceDb.close();
    const hash = () => createHash('sha256').update(readFileSync(sourceFile)).digest('hex');
    const before = hash();
    const reader = openStore(sourceFile);
    const file = join(temp.dir, 'out.jsonl');
    await exportTo(file, reader);
    const target = openStore(join(temp.dir, 'imports', 'out.db'));
    expect((await importJsonl(file, target)).imported).toBe(2);
    expect(reader.count()).toBe(2);
    for (const db of opened.splice(0)) if (db.open) db.close();
    expect(hash()).toBe(before);
  });

  it('imports the good lines of a file with bad ones, and locates each problem', async () => {
    const good = await fullRecord();
    const other = { ...(await bareRecord()), id: 'second-good' };
    const wrongType = { ...good, id: 'wrong-type', decision_tier: 'high' };
    const unknownField = { ...good, id: 'unknown-field', mood: 'happy' };
    const badReason = {
      ...good,
      id: 'bad-reason',
      privacy_reasons: [{ kind: 'gut_feeling', detail: 'x' }],
    };
    const { id: _dropped, ...noId } = good;
    const file = join(temp.dir, 'mixed.jsonl');
    writeFileSync(
      file,
      [
        header({ count: 7 }),
        JSON.stringify(good),
        '{"id": "broken", ',
        JSON.stringify(wrongType),
        '',
        JSON.stringify(unknownField),
        JSON.stringify(badReason),
        JSON.stringify(noId),
        JSON.stringify(other),
        '',
      ].join('\r\n'),
    );
    const target = openStore(join(temp.dir, 'mixed.db'));
    const report = await importJsonl(file, target);
    expect(report).toMatchObject({ read: 7, imported: 2, skipped: 0, rejected: 5 });
    expect(target.get(good.id)).toStrictEqual(good);
    expect(target.get('second-good')).toStrictEqual(other);
    expect(target.count()).toBe(2);
    const located = report.problems.map((problem) => formatProblem(file, problem));
    expect(located[0]).toMatch(new RegExp(`^${file}:3: record: not valid JSON`));
    expect(located).toContainEqual(expect.stringMatching(`^${file}:4: decision_tier: .*number`));
    expect(located).toContainEqual(
      `${file}:6: mood: a field this Homelane does not know (exported by a newer Homelane?)`,
    );
    expect(located).toContainEqual(expect.stringMatching(`^${file}:7: privacy_reasons.0.kind: `));
    expect(located).toContainEqual(expect.stringMatching(`^${file}:8: id: `));
  });

  it('refuses a newer format version, another file, or an empty one, before writing anything', async () => {
    const target = openStore(join(temp.dir, 'refused.db'));
    const newer = join(temp.dir, 'newer.jsonl');
    writeFileSync(
      newer,
      `${header({ version: 2, count: 1 })}\n${JSON.stringify(await fullRecord())}\n`,
    );
    await expect(readExportHeader(newer)).rejects.toMatchObject({
      code: 'too_new',
      message: expect.stringContaining(
        `${newer}:1: version: the export is format version 2`,
      ) as unknown,
    });
    await expect(importJsonl(newer, target)).rejects.toBeInstanceOf(ImportError);
    expect(target.count()).toBe(0);

    const other = join(temp.dir, 'other.jsonl');
    writeFileSync(other, `${JSON.stringify(await fullRecord())}\n`);
    await expect(importJsonl(other, target)).rejects.toMatchObject({ code: 'not_an_export' });
    const badHeader = join(temp.dir, 'bad-header.jsonl');
    writeFileSync(badHeader, `${header({ count: -1 })}\n`);
    await expect(readExportHeader(badHeader)).rejects.toMatchObject({
      code: 'bad_header',
      message: expect.stringContaining(`${badHeader}:1: count: `) as unknown,
    });
    const empty = join(temp.dir, 'empty.jsonl');
    writeFileSync(empty, '');
    await expect(importJsonl(empty, target)).rejects.toMatchObject({ code: 'empty' });
    await expect(readExportHeader(join(temp.dir, 'missing.jsonl'))).rejects.toMatchObject({
      code: 'unreadable',
    });
    expect(target.count()).toBe(0);
    // The header alone is a valid (empty) export, and a BOM before it is tolerated.
    const bom = join(temp.dir, 'bom.jsonl');
    writeFileSync(bom, `\uFEFF${header()}\n`);
    expect((await importJsonl(bom, target)).imported).toBe(0);
  });

  it('names import databases from the file, and refuses names that leave the imports folder', () => {
    expect(importName('/somewhere/laptop replay (2).jsonl')).toBe('laptop_replay__2_');
    expect(importName('..jsonl')).toBe('import');
    expect(importDatabasePath('/data', 'laptop')).toBe(join('/data', 'imports', 'laptop.db'));
    expect(() => importDatabasePath('/data', '../homelane')).toThrow(ImportError);
    expect(() => importDatabasePath('/data', '.hidden')).toThrow(/not an import name/);
  });
});

describe('CSV export', () => {
  it('quotes commas, quotes and newlines so a CSV reader gets the text back', async () => {
    const full = await fullRecord();
    const bare = await bareRecord();
    source.insert(full);
    source.insert(bare);
    const text = [...csvLines(source)].join('');
    const rows = readCsv(text);
    expect(rows).toHaveLength(3);
    const [head, fullRow, bareRow] = rows;
    expect(head).toEqual([...CSV_COLUMNS]);
    expect(head).not.toContain('trace');
    expect(head).toHaveLength(RECORD_FIELDS.length - 1);
    const cells = (row: string[] | undefined) =>
      Object.fromEntries(CSV_COLUMNS.map((column, index) => [column, row?.[index]]));
    const stored = source.get(full.id);
    const first = cells(fullRow);
    expect(first['id']).toBe(full.id);
    expect(first['prompt']).toBe(stored?.prompt);
    expect(first['prompt']).toContain('\r\n');
    expect(first['request_body']).toBe(stored?.request_body);
    // A cell a spreadsheet would run as a formula is defused with a leading quote.
    expect(first['response_body']).toBe(`'${full.response_body ?? ''}`);
    expect(first['private']).toBe('true');
    expect(first['actual_cost']).toBe('0.000123');
    expect(first['cost_savings']).toBe('-0.000001');
    expect(JSON.parse(first['privacy_reasons'] ?? '')).toEqual(full.privacy_reasons);
    expect(JSON.parse(first['fallback_chain'] ?? '')).toEqual(full.fallback_chain);
    expect(JSON.parse(first['signals'] ?? '')).toEqual(full.signals);
    const second = cells(bareRow);
    expect(second['decision']).toBe('');
    expect(second['prompt']).toBe('');
    expect(second['prompt_truncated']).toBe('false');
    expect(second['fallback_chain']).toBe('[]');
  });
});
