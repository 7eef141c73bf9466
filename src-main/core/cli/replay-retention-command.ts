import type { Command } from 'commander';
import { applySavedRetention } from '../replay/retention';
import { SettingsError, SettingsStore } from '../store/settings-store';
import type { CliIo } from './io';
import { CliExit } from './load-router';
import { openAppDatabase } from './open-database';

// `homelane replay retention [--max-age-days N|off] [--max-records N|off]`:
// how long routing records are kept. Given values are saved in the data
// folder; the saved rule is then applied at once (and from then on by the
// app and `homelane chat` as records are written).

interface RetentionOptions {
  dataDir?: string;
  maxAgeDays?: string;
  maxRecords?: string;
  json?: boolean;
}

/** A count from the command line, or null for `off`. */
function limitOf(flag: string, text: string, io: CliIo): number | null {
  if (text === 'off') return null;
  if (!/^\d+$/.test(text)) {
    io.err(`homelane replay retention: ${flag} takes a whole number or "off", not "${text}"\n`);
    throw new CliExit(2);
  }
  return Number(text);
}

export function runRetention(options: RetentionOptions, io: CliIo): void {
  const db = openAppDatabase(options.dataDir, io, 'replay retention');
  try {
    const settings = new SettingsStore(db);
    try {
      if (options.maxAgeDays !== undefined)
        settings.set('replay.max_age_days', limitOf('--max-age-days', options.maxAgeDays, io));
      if (options.maxRecords !== undefined)
        settings.set('replay.max_records', limitOf('--max-records', options.maxRecords, io));
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      io.err(`homelane replay retention: ${error.message}\n`);
      throw new CliExit(2);
    }
    const { removed } = applySavedRetention(db);
    const saved = {
      'replay.max_age_days': settings.get('replay.max_age_days'),
      'replay.max_records': settings.get('replay.max_records'),
    };
    if (options.json) {
      io.out(`${JSON.stringify({ ...saved, removed }, null, 2)}\n`);
      return;
    }
    const age = saved['replay.max_age_days'];
    const count = saved['replay.max_records'];
    io.out(
      `keep records for: ${age === null ? 'ever' : `${age} days`}\n` +
        `keep at most:     ${count === null ? 'no limit' : `${count.toLocaleString('en')} records`}\n` +
        `removed now:      ${removed.toLocaleString('en')}\n`,
    );
  } finally {
    db.close();
  }
}

export function addRetentionCommand(replay: Command, io: CliIo): void {
  replay
    .command('retention')
    .description('show or set how long records are kept; the rule is applied at once')
    .option('--data-dir <dir>', 'the data folder')
    .option('--max-age-days <n|off>', 'remove records older than this many days')
    .option('--max-records <n|off>', 'keep at most this many records, the newest')
    .option('--json', 'print JSON')
    .action((options: RetentionOptions) => runRetention(options, io));
}
