import type Database from 'better-sqlite3';
import { createLogger } from '../logger';
import { RecordStore } from './record-store';

const log = createLogger('replay');

// New routing records of a busy server, written together: the records that
// requests leave within one turn of the event loop go into the database in
// one batch of the record store (one transaction, completed at its end),
// just after that turn. One job that fails leaves no half of itself and
// does not stop the others.
//
// The jobs first run one after another with nothing between them. Only if
// one throws is that batch rolled back and every job run again, each in a
// savepoint of its own: a savepoint copies every page a record touches to
// the statement journal, which added about a third to each record's cost. So
// a job may run twice; it must do nothing but its writes (and note that it
// did them), which the record store's insert is.
//
// A job is an insert (a new record) or a finish (how a request ended). The
// inserts of a batch run first, then its finishes: a finish may concern a
// record inserted in the same batch, and the store completes the batch's new
// records (trace, rollups, full text) once, before the first finish, rather
// than once per finish. Finishing a busy server's records together saves a
// transaction (and its commit) per request.

const QUEUES = new WeakMap<Database.Database, RecordWriteQueue>();

interface Job {
  write: () => void;
  failed: (error: unknown) => void;
}

/** Inserts run before the finishes of the same batch. */
export type WriteKind = 'insert' | 'finish';

export class RecordWriteQueue {
  private jobs: Job[] = [];
  private finishes: Job[] = [];
  /** Callers waiting for the jobs that wait now. */
  private waiters: (() => void)[] = [];
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
  add(write: () => void, failed: (error: unknown) => void, kind: WriteKind = 'insert'): void {
    (kind === 'insert' ? this.jobs : this.finishes).push({ write, failed });
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Resolves once every job waiting now has been written (or has failed). */
  settled(): Promise<void> {
    if (this.jobs.length === 0 && this.finishes.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Writes what is waiting now (before anything that must follow it). */
  flush(): void {
    const waiters = this.waiters;
    this.waiters = [];
    try {
      this.writeWaiting();
    } finally {
      for (const resolve of waiters) resolve();
    }
  }

  private writeWaiting(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const jobs = this.finishes.length === 0 ? this.jobs : [...this.jobs, ...this.finishes];
    if (jobs.length === 0) return;
    this.jobs = [];
    this.finishes = [];
    if (!this.db.open) {
      for (const job of jobs) job.failed(new Error('the database is closed'));
      return;
    }
    const store = RecordStore.of(this.db);
    let jobThrew = false;
    try {
      store.batch(() => {
        for (const job of jobs) {
          try {
            job.write();
          } catch (error) {
            jobThrew = true;
            throw error;
          }
        }
      });
      return;
    } catch (error) {
      if (!jobThrew) {
        this.failAll(jobs, error);
        return;
      }
      // Rolled back whole: written again below, one savepoint per job.
    }
    try {
      store.batch(() => {
        for (const job of jobs) {
          try {
            this.db.transaction(job.write)();
          } catch (error) {
            job.failed(error);
          }
        }
      });
    } catch (error) {
      this.failAll(jobs, error);
    }
  }

  private failAll(jobs: readonly Job[], error: unknown): void {
    log.error(
      { err: error, records: jobs.length },
      'a batch of routing records could not be written',
    );
    for (const job of jobs) job.failed(error);
  }
}
