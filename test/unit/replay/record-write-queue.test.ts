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
});
