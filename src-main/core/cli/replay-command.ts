import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { Command } from 'commander';
import { Option } from 'commander';
import { csvLines } from '../replay/export-csv';
import { jsonlLines, writeLines } from '../replay/export-jsonl';
import {
  ImportError,
  formatProblem,
  importDatabasePath,
  importJsonl,
  importName,
  readExportHeader,
} from '../replay/import-jsonl';
import type { ImportReport } from '../replay/import-jsonl';
import { RecordStore, RecordStoreError } from '../replay/record-store';
import type { RecordFilters } from '../replay/record-store';
import type { RoutingRecord } from '../replay/record-types';
import { StoreError, databasePath, openDatabase } from '../store/database';
import type { CliIo } from './io';
import { CliExit } from './load-router';
import { addRetentionCommand } from './replay-retention-command';
import { dataDirOf, openSource } from './replay-source';
import type { ReplayOptions } from './replay-source';

// `homelane replay list [filters] | show ID`: the records of routed requests,
// kept in the data folder, reviewable offline. `export` writes them as JSONL
// (lossless, versioned) or CSV (for spreadsheets); `import` reads a JSONL
// export — from this machine or another — into a database of its own under
// `<data-dir>/imports/`, which `--from-import NAME` (or `--db FILE`) reads.
// Importing never touches this machine's own records.

/** The record filters as flags: `--search` is the store's full-text `text`. */
interface FilterOptions extends ReplayOptions, Omit<RecordFilters, 'text'> {
  search?: string;
}

interface ListOptions extends FilterOptions {
  limit?: string;
  cursor?: string;
}

interface ExportOptions extends FilterOptions {
  format: 'jsonl' | 'csv';
  out?: string;
}

interface ImportOptions {
  dataDir?: string;
  into?: string;
  json?: boolean;
}

async function withRecords<T>(
  options: ReplayOptions,
  io: CliIo,
  command: string,
  run: (store: RecordStore, db: Database.Database) => T | Promise<T>,
): Promise<T> {
  const db = openSource(options, io, command);
  try {
    return await run(new RecordStore(db), db);
  } catch (error) {
    if (error instanceof RecordStoreError) {
      io.err(`homelane replay: ${error.message}\n`);
      throw new CliExit(2);
    }
    throw error;
  } finally {
    db.close();
  }
}

function filtersOf(options: FilterOptions): RecordFilters {
  return {
    ...(options.search ? { text: options.search } : {}),
    ...(options.decision ? { decision: options.decision } : {}),
    ...(options.model ? { model: options.model } : {}),
    ...(options.lane ? { lane: options.lane } : {}),
    ...(options.locality ? { locality: options.locality } : {}),
    ...(options.private ? { private: true } : {}),
    ...(options.status ? { status: options.status } : {}),
    ...(options.conversation ? { conversation: options.conversation } : {}),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
  };
}

/** Writes `file` whole or not at all: a temp file beside it, synced, then renamed over it. */
async function writeAtomically(file: string, lines: Iterable<string>): Promise<void> {
  const target = resolve(file);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx');
    const flush = async (text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      for (let at = 0; at < bytes.length;) {
        at += (await (handle as FileHandle).write(bytes, at)).bytesWritten;
      }
    };
    let chunk = '';
    for (const line of lines) {
      chunk += line;
      if (chunk.length >= 1 << 16) {
        await flush(chunk);
        chunk = '';
      }
    }
    await flush(chunk);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The same file, whether or not it exists yet, through symlinks where it does. */
function sameFile(a: string, b: string): boolean {
  const real = (file: string) => (existsSync(file) ? realpathSync(file) : resolve(file));
  return real(a) === real(b);
}

function printImport(
  report: ImportReport,
  target: string,
  readWith: string,
  options: ImportOptions,
  io: CliIo,
): void {
  for (const problem of report.problems) io.err(`${formatProblem(report.file, problem)}\n`);
  if (report.read !== report.header.count) {
    io.err(
      `homelane replay import: the export announces ${report.header.count} records but holds ${report.read}; it may have been cut short.\n`,
    );
  }
  if (options.json) {
    io.out(`${JSON.stringify({ ...report, into: target }, null, 2)}\n`);
    return;
  }
  io.out(
    `Imported ${report.imported} of ${report.read} records into ${target} (${report.skipped} already there, ${report.rejected} refused).\n` +
      `Read them with: homelane replay list ${readWith}\n`,
  );
}

const cell = (value: unknown) => (value === null || value === undefined ? '–' : String(value));

function line(record: RoutingRecord): string {
  const tokens = record.total_tokens === null ? '' : ` ${record.total_tokens} tok`;
  const cost =
    record.actual_cost === null ? '' : ` ${record.actual_cost.toFixed(6)} ${record.currency ?? ''}`;
  return `${record.id}  ${record.created_at}  ${record.lifecycle_state.padEnd(11)} ${cell(record.decision)} → ${cell(
    record.selected_model,
  )} via ${cell(record.lane_id)} (${cell(record.locality)}${record.private ? ', private' : ''})${tokens}${cost}`;
}

function describe(record: RoutingRecord): string {
  const rows: [string, string][] = [
    ['id', record.id],
    ['time', `${record.created_at}${record.ended_at ? ` → ${record.ended_at}` : ''}`],
    [
      'status',
      `${record.lifecycle_state}${record.terminal_reason ? ` (${record.terminal_reason})` : ''}`,
    ],
    ['conversation', cell(record.conversation_id)],
    [
      'decision',
      `${cell(record.decision)} (tier ${cell(record.decision_tier)}, priority ${cell(record.decision_priority)})`,
    ],
    [
      'model',
      `${cell(record.original_model)} → ${cell(record.selected_model)} → ${cell(record.upstream_model)}, reasoning ${record.reasoning_mode}`,
    ],
    ['lane', `${cell(record.lane_id)} (${cell(record.locality)})`],
    [
      'private',
      record.private
        ? `yes — ${record.privacy_reasons.map((reason) => reason.detail).join('; ')}`
        : 'no',
    ],
    [
      'fallback',
      record.fallback_chain
        .map(
          (attempt) =>
            `${attempt.lane_id}: ${attempt.outcome}${attempt.code ? ` (${attempt.code})` : ''}`,
        )
        .join(', ') || '–',
    ],
    [
      'timings',
      `routing ${cell(record.routing_ms?.toFixed(2))} ms, first token ${cell(record.ttft_ms?.toFixed(0))} ms, total ${cell(record.duration_ms?.toFixed(0))} ms`,
    ],
    [
      'tokens',
      `${cell(record.prompt_tokens)} prompt + ${cell(record.completion_tokens)} completion`,
    ],
    [
      'cost',
      record.actual_cost === null
        ? '–'
        : `${record.actual_cost} ${cell(record.currency)} (baseline ${cell(record.baseline_model)}: ${cell(record.baseline_cost)}, saved ${cell(record.cost_savings)})`,
    ],
    [
      'signals',
      Object.entries(record.signals)
        .map(([type, names]) => `${type}: ${names.join(', ')}`)
        .join('; ') || '–',
    ],
    ['prompt', `${record.prompt}${record.prompt_truncated ? ' [truncated]' : ''}`],
    [
      'answer',
      `${cell(record.response_body)}${record.response_body_truncated ? ' [truncated]' : ''}`,
    ],
  ];
  return `${rows.map(([label, value]) => `${label.padEnd(13)}${value}`).join('\n')}\n`;
}

function addSourceOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', "the data folder (default: the app's)")
    .option('--db <file>', 'read another database (an import, or a copy), read-only')
    .option('--from-import <name>', 'read an import of the data folder (the name import printed)');
}

function addFilterOptions(command: Command): Command {
  return command
    .option('--search <text>', 'words in the prompt, decision or model')
    .option('--decision <name>')
    .option('--model <alias>')
    .option('--lane <id>')
    .addOption(new Option('--locality <locality>').choices(['local', 'lan', 'cloud']))
    .option('--private', 'only private requests')
    .addOption(
      new Option('--status <state>').choices(['in_progress', 'completed', 'failed', 'aborted']),
    )
    .option('--conversation <id>')
    .option('--from <time>', 'ISO time, inclusive')
    .option('--to <time>', 'ISO time, inclusive');
}

/** `replay show latest`: the newest record (ids are never this word). */
const LATEST = 'latest';

export function addReplayCommand(program: Command, io: CliIo): void {
  const replay = program
    .command('replay')
    .description('the records of routed requests, kept on this machine');
  addFilterOptions(
    addSourceOptions(replay.command('list').description('newest first; filters combine')),
  )
    .option('--limit <n>', 'records per page (1–500)', '50')
    .option('--cursor <cursor>', 'the next page, as the previous page printed it')
    .option('--json', 'print JSON')
    .action((options: ListOptions) =>
      withRecords(options, io, 'list', (store) => {
        const page = store.list(filtersOf(options), {
          limit: Number(options.limit ?? 50),
          ...(options.cursor ? { cursor: options.cursor } : {}),
        });
        if (options.json) return io.out(`${JSON.stringify(page, null, 2)}\n`);
        if (page.records.length === 0) return io.out('No records.\n');
        for (const record of page.records) io.out(`${line(record)}\n`);
        if (page.next_cursor) io.out(`more: --cursor ${page.next_cursor}\n`);
      }),
    );
  addSourceOptions(replay.command('show <id>'))
    .description('one record, by its id; `latest` is the newest')
    .option('--json', 'print the whole record as JSON')
    .action((id: string, options: ReplayOptions) =>
      withRecords(options, io, 'show', (store) => {
        const wanted = id === LATEST ? store.list({}, { limit: 1 }).records[0]?.id : id;
        const record = wanted === undefined ? undefined : store.get(wanted);
        if (!record) {
          io.err(
            id === LATEST
              ? 'homelane replay show: there are no records yet\n'
              : `homelane replay show: there is no record ${id}\n`,
          );
          throw new CliExit(1);
        }
        io.out(options.json ? `${JSON.stringify(record, null, 2)}\n` : describe(record));
      }),
    );
  addFilterOptions(
    addSourceOptions(
      replay
        .command('export')
        .description('the records matching the filters, newest first, as JSONL or CSV'),
    ),
  )
    .addOption(
      new Option('--format <format>', 'jsonl: lossless, for import; csv: for spreadsheets')
        .choices(['jsonl', 'csv'])
        .default('jsonl'),
    )
    .option('--out <file>', 'write to this file (whole or not at all) instead of stdout')
    .action((options: ExportOptions) =>
      withRecords(options, io, 'export', async (store, db) => {
        const filters = filtersOf(options);
        const lines =
          options.format === 'csv'
            ? csvLines(store, filters)
            : jsonlLines(store, {
                filters,
                schemaVersion: db.pragma('user_version', { simple: true }) as number,
              });
        // The export is data, not a message: streamed to stdout as it accepts it.
        if (options.out === undefined) return void (await writeLines(lines, process.stdout));
        try {
          await writeAtomically(options.out, lines);
        } catch (error) {
          if (error instanceof RecordStoreError) throw error;
          io.err(
            `homelane replay export: cannot write ${options.out}: ${(error as Error).message}\n`,
          );
          throw new CliExit(1);
        }
      }),
    );
  replay
    .command('import <file>')
    .description(
      "read a JSONL export (from any machine) into its own database under <data-dir>/imports, apart from this machine's records",
    )
    .option('--data-dir <dir>', "the data folder (default: the app's)")
    .option('--into <file>', 'the database to import into (default: <data-dir>/imports/<name>.db)')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, options: ImportOptions) => {
      const fail = (message: string, exitCode = 1): never => {
        io.err(`homelane replay import: ${message}\n`);
        throw new CliExit(exitCode);
      };
      const dataDir = dataDirOf(options.dataDir);
      try {
        await readExportHeader(file);
      } catch (error) {
        if (error instanceof ImportError) fail(`${error.message} [${error.code}]`);
        throw error;
      }
      const name = importName(file);
      const target = options.into ? resolve(options.into) : importDatabasePath(dataDir, name);
      if (sameFile(target, databasePath(dataDir))) {
        fail(
          `${target} is this machine's own database; an import goes into a database of its own [into_app_database]`,
          2,
        );
      }
      let db: Database.Database;
      try {
        db = openDatabase(target);
      } catch (error) {
        if (error instanceof StoreError) fail(`${error.message} [${error.code}]`);
        throw error;
      }
      let report: ImportReport;
      try {
        report = await importJsonl(file, new RecordStore(db));
      } catch (error) {
        if (error instanceof ImportError) fail(`${error.message} [${error.code}]`);
        throw error;
      } finally {
        db.close();
      }
      const readWith = options.into ? `--db ${target}` : `--from-import ${name}`;
      printImport(report, target, readWith, options, io);
      if (report.rejected > 0) throw new CliExit(1);
    });
  addRetentionCommand(replay, io);
}
