import type Database from 'better-sqlite3';
import { createLogger } from '../logger';

const log = createLogger('replay');

// New routing records of a busy server, written together: the records that
// requests leave within one turn of the event loop go into the database in
// one transaction, just after that turn (each in a savepoint of its own, so
// one that fails leaves no half of itself and does not stop the others).

const QUEUES = new WeakMap<Database.Database, RecordWriteQueue>();

export class RecordWriteQueue {
  private jobs: { write: () => void; failed: (error: unknown) => void }[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  private constructor(private readonly db: Database.Database) {}

  /** The queue of `db`, made once. */
  static of(db: Database.Database): RecordWriteQueue {
    let queue = QUEUES.get(db);
    if (!queue) {
      queue = new RecordWriteQueue(db);
      QUEUES.set(db, queue);
    }
    return queue;
  }

  /** Runs `write` with the next batch; `failed` hears about an error instead of a throw. */
  add(write: () => void, failed: (error: unknown) => void): void {
    this.jobs.push({ write, failed });
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Writes what is waiting now (before anything that must follow it). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const jobs = this.jobs;
    if (jobs.length === 0) return;
    this.jobs = [];
    if (!this.db.open) {
      for (const job of jobs) job.failed(new Error('the database is closed'));
      return;
    }
    try {
      this.db.transaction(() => {
        for (const job of jobs) {
          try {
            this.db.transaction(job.write)();
          } catch (error) {
            job.failed(error);
          }
        }
      })();
    } catch (error) {
      log.error(
        { err: error, records: jobs.length },
        'a batch of routing records could not be written',
      );
      for (const job of jobs) job.failed(error);
    }
  }
}
