import { describe, expect, it } from 'vitest';
import { RecordWriteQueue } from '../../../src-main/core/replay/record-write-queue';
import { useRecordDatabase } from '../../support/record-db';
import { sampleRecord } from '../../support/sample-record';

// Records left within one turn of the event loop are written together just
// after it; one that fails leaves nothing half-written and stops no other.

const data = useRecordDatabase();

describe('the record write queue', () => {
  it('writes what one turn leaves in one batch, after the turn', async () => {
    const queue = RecordWriteQueue.of(data.db);
    expect(RecordWriteQueue.of(data.db)).toBe(queue);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const record = sampleRecord({
        created_at: new Date(Date.UTC(2026, 10, 25, 0, i)).toISOString(),
      });
      ids.push(record.id);
      queue.add(
        () => data.store.insert(record),
        () => {},
      );
    }
    expect(data.store.count()).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(data.store.count()).toBe(5);
  });

  it('keeps a failing write from leaving half of itself or stopping the others', () => {
    const queue = RecordWriteQueue.of(data.db);
    const failures: unknown[] = [];
    const good = sampleRecord();
    queue.add(
      () => {
        data.store.insert(sampleRecord({ created_at: '2026-11-24T00:00:00.000Z' }));
        throw new Error('after the first statement');
      },
      (error) => failures.push(error),
    );
    queue.add(
      () => data.store.insert(good),
      (error) => failures.push(error),
    );
    queue.flush();
    expect(failures).toHaveLength(1);
    expect(data.store.list().records.map((record) => record.id)).toEqual([good.id]);
  });

  it('reports every waiting write as failed once the database is closed', () => {
    const queue = RecordWriteQueue.of(data.db);
    const failures: unknown[] = [];
    queue.add(
      () => data.store.insert(sampleRecord()),
      (error) => failures.push(error),
    );
    data.db.close();
    queue.flush();
    expect(failures).toHaveLength(1);
  });

  it('runs the finishes of a batch after its inserts, in one transaction, and says when it is done', async () => {
    const queue = RecordWriteQueue.of(data.db);
    const record = sampleRecord();
    let done = false;
    // The finish is added first: it still runs after the insert of the same batch.
    queue.add(
      () => data.store.complete(record.id, { lifecycle_state: 'completed', total_tokens: 7 }),
      () => {},
      'finish',
    );
    queue.add(
      () => data.store.insert(record),
      () => {},
    );
    void queue.settled().then(() => (done = true));
    expect(data.store.count()).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(true);
    expect(data.store.get(record.id)).toMatchObject({
      lifecycle_state: 'completed',
      total_tokens: 7,
    });
    // The rollups saw the record once, as completed.
    const rollup = data.db
      .prepare('SELECT total(requests) AS n, total(completed) AS c FROM record_rollups')
      .get() as { n: number; c: number };
    expect(rollup).toEqual({ n: 1, c: 1 });
    await expect(queue.settled()).resolves.toBeUndefined();
  });

  it('lets a failing finish stop neither the inserts nor the other finishes', () => {
    const queue = RecordWriteQueue.of(data.db);
    const a = sampleRecord({ created_at: '2026-11-25T10:00:00.000Z' });
    const b = sampleRecord({ created_at: '2026-11-25T10:00:01.000Z' });
    const failures: unknown[] = [];
    for (const record of [a, b]) {
      queue.add(
        () => data.store.insert(record),
        (error) => failures.push(error),
      );
    }
    queue.add(
      () => data.store.finish('no-such-record', { lifecycle_state: 'failed' }),
      (error) => failures.push(error),
      'finish',
    );
    queue.add(
      () => data.store.finish(b.id, { lifecycle_state: 'aborted' }),
      (error) => failures.push(error),
      'finish',
    );
    queue.flush();
    expect(failures).toHaveLength(1);
    expect(data.store.get(a.id)?.lifecycle_state).toBe('in_progress');
    expect(data.store.get(b.id)?.lifecycle_state).toBe('aborted');
  });
});
