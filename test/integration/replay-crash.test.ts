import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../src-main/core/replay/record-store';
import { openDatabase } from '../../src-main/core/store/database';
import { makeTempDir } from '../support/temp-dir';

// Crash safety: a writer process is killed with SIGKILL while it writes
// thousands of records. The database must open, pass integrity_check, and
// hold every record whose commit the writer saw return.

const WRITER = fileURLToPath(new URL('../support/record-writer.ts', import.meta.url));

describe('a writer killed mid-stream', () => {
  it('loses no committed record and leaves a sound database', async () => {
    const temp = makeTempDir();
    try {
      const file = join(temp.dir, 'homelane.db');
      const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const committed: string[] = [];
      let buffer = '';
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          committed.push(...lines);
          if (committed.length >= 3000) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        // After the kill this no longer matters: a settled promise ignores it.
        child.on('exit', () => reject(new Error(`the writer stopped early:\n${stderr}`)));
      });
      expect(await exited).toBe('SIGKILL');

      const db = openDatabase(file);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const store = new RecordStore(db);
        const missing = committed.filter((id) => store.get(id) === undefined);
        expect(missing).toEqual([]);
        const stored = db.prepare('SELECT count(*) AS n FROM routing_records').get() as {
          n: number;
        };
        expect(stored.n).toBeGreaterThanOrEqual(committed.length);
      } finally {
        db.close();
      }
    } finally {
      temp.cleanup();
    }
  }, 120_000);
});
