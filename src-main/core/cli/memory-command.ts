import type { Command } from 'commander';
import { MemoryError, MemoryStore } from '../privacy/memory-store';
import type { CliIo } from './io';
import { CliExit } from './load-router';
import { openAppDatabase } from './open-database';

// `homelane memory list | add TEXT | remove ID`: the facts Homelane keeps for
// you. They never leave this machine except to a local or LAN lane, and
// a request that uses them is private.

interface MemoryOptions {
  dataDir?: string;
  json?: boolean;
}

function withStore<T>(options: MemoryOptions, io: CliIo, run: (store: MemoryStore) => T): T {
  const db = openAppDatabase(options.dataDir, io, 'memory');
  try {
    return run(new MemoryStore(db));
  } catch (error) {
    if (error instanceof MemoryError) {
      io.err(`homelane memory: ${error.message}\n`);
      throw new CliExit(error.code === 'not_found' ? 1 : 2);
    }
    throw error;
  } finally {
    db.close();
  }
}

export function addMemoryCommand(program: Command, io: CliIo): void {
  const memory = program
    .command('memory')
    .description('facts Homelane remembers for you; requests that use them stay local');
  memory
    .command('list')
    .option('--data-dir <dir>', "the data folder (default: the app's)")
    .option('--json', 'print JSON')
    .action((options: MemoryOptions) =>
      withStore(options, io, (store) => {
        const facts = store.list();
        if (options.json) return io.out(`${JSON.stringify({ facts }, null, 2)}\n`);
        if (facts.length === 0) return io.out('Nothing remembered yet.\n');
        for (const fact of facts) io.out(`#${fact.id}  ${fact.fact}\n`);
      }),
    );
  memory
    .command('add <fact>')
    .option('--data-dir <dir>', "the data folder (default: the app's)")
    .action((fact: string, options: MemoryOptions) =>
      withStore(options, io, (store) => {
        const added = store.add(fact);
        io.out(`Remembered #${added.id}: ${added.fact}\n`);
      }),
    );
  memory
    .command('remove <id>')
    .option('--data-dir <dir>', "the data folder (default: the app's)")
    .action((id: string, options: MemoryOptions) =>
      withStore(options, io, (store) => {
        const number = Number(id);
        if (!Number.isInteger(number) || number <= 0) {
          io.err('homelane memory remove: give the number list shows, e.g. 3\n');
          throw new CliExit(2);
        }
        store.remove(number);
        io.out(`Forgot #${number}.\n`);
      }),
    );
}
