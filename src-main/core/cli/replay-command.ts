import type { Command } from 'commander';
import { Option } from 'commander';
import { RecordStore, RecordStoreError } from '../replay/record-store';
import type { RecordFilters } from '../replay/record-store';
import type { RoutingRecord } from '../replay/record-types';
import type { CliIo } from './io';
import { CliExit } from './load-router';
import { openAppDatabase } from './open-database';

// `homelane replay list [filters] | show ID`: the records of routed requests,
// kept in the data folder, reviewable offline.

interface ReplayOptions {
  dataDir?: string;
  json?: boolean;
}

interface ListOptions extends ReplayOptions {
  search?: string;
  decision?: string;
  model?: string;
  lane?: string;
  locality?: 'local' | 'lan' | 'cloud';
  private?: boolean;
  status?: RoutingRecord['lifecycle_state'];
  conversation?: string;
  from?: string;
  to?: string;
  limit?: string;
  cursor?: string;
}

function withRecords<T>(options: ReplayOptions, io: CliIo, run: (store: RecordStore) => T): T {
  const db = openAppDatabase(options.dataDir, io, 'replay');
  try {
    return run(new RecordStore(db));
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

export function addReplayCommand(program: Command, io: CliIo): void {
  const replay = program
    .command('replay')
    .description('the records of routed requests, kept on this machine');
  replay
    .command('list')
    .description('newest first; filters combine')
    .option('--data-dir <dir>', "the data folder (default: the app's)")
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
    .option('--to <time>', 'ISO time, inclusive')
    .option('--limit <n>', 'records per page (1–500)', '50')
    .option('--cursor <cursor>', 'the next page, as the previous page printed it')
    .option('--json', 'print JSON')
    .action((options: ListOptions) =>
      withRecords(options, io, (store) => {
        const filters: RecordFilters = {
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
        const page = store.list(filters, {
          limit: Number(options.limit ?? 50),
          ...(options.cursor ? { cursor: options.cursor } : {}),
        });
        if (options.json) return io.out(`${JSON.stringify(page, null, 2)}\n`);
        if (page.records.length === 0) return io.out('No records.\n');
        for (const record of page.records) io.out(`${line(record)}\n`);
        if (page.next_cursor) io.out(`more: --cursor ${page.next_cursor}\n`);
      }),
    );
  replay
    .command('show <id>')
    .option('--data-dir <dir>', "the data folder (default: the app's)")
    .option('--json', 'print the whole record as JSON')
    .action((id: string, options: ReplayOptions) =>
      withRecords(options, io, (store) => {
        const record = store.get(id);
        if (!record) {
          io.err(`homelane replay show: there is no record ${id}\n`);
          throw new CliExit(1);
        }
        io.out(options.json ? `${JSON.stringify(record, null, 2)}\n` : describe(record));
      }),
    );
}
