import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createLogger } from '../../logger';
import type { Embedder } from '../types';
import { sqliteBindingOptions } from '../../store/sqlite-binding';

const log = createLogger('embedding-cache');

/**
 * Candidate and exemplar embeddings (the texts a config declares) are
 * computed once per model and kept on disk, keyed by the model's identity
 * and the text's hash, so a restart or a reload does not embed hundreds of
 * candidates again. Only texts embedded before `seal()` — while signals
 * prepare — are cached; request texts pass straight through and never touch
 * the disk. A broken cache file is bypassed, never fatal.
 */
export class CandidateEmbeddingCache implements Embedder {
  private sealed = false;
  private db: Database.Database | undefined;

  constructor(
    private readonly inner: Embedder,
    /** Changes whenever the model's weights change (e.g. role@sha256-prefix). */
    private readonly modelKey: string,
    file: string,
  ) {
    try {
      mkdirSync(dirname(file), { recursive: true });
      this.db = new Database(file, sqliteBindingOptions());
      this.db.pragma('journal_mode = WAL');
      this.db.exec(
        'CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, dim INTEGER NOT NULL, data BLOB NOT NULL)',
      );
    } catch (error) {
      log.warn(
        { err: error, file },
        'embedding cache unavailable; candidates will be embedded every start',
      );
      this.db = undefined;
    }
  }

  get id(): string {
    return this.inner.id;
  }

  get executionProvider(): string | undefined {
    const provider = (this.inner as { executionProvider?: unknown }).executionProvider;
    return typeof provider === 'string' ? provider : undefined;
  }

  /** From now on, embed without caching (request texts). */
  seal(): void {
    this.sealed = true;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const db = this.db;
    if (this.sealed || !db) return this.inner.embed(texts);
    const keys = texts.map((text) =>
      createHash('sha256').update(this.modelKey).update('\0').update(text).digest('hex'),
    );
    const found = new Map<string, Float32Array>();
    try {
      const select = db.prepare('SELECT dim, data FROM vectors WHERE key = ?');
      for (const key of new Set(keys)) {
        const row = select.get(key) as { dim: number; data: Buffer } | undefined;
        if (row)
          found.set(
            key,
            new Float32Array(
              row.data.buffer.slice(row.data.byteOffset, row.data.byteOffset + row.dim * 4),
            ),
          );
      }
    } catch (error) {
      log.warn({ err: error }, 'embedding cache read failed; embedding without it');
      return this.inner.embed(texts);
    }
    const missing = [...new Set(keys.filter((key) => !found.has(key)))];
    if (missing.length > 0) {
      const textOf = new Map(keys.map((key, i) => [key, texts[i] as string]));
      const vectors = await this.inner.embed(missing.map((key) => textOf.get(key) as string));
      missing.forEach((key, i) => found.set(key, vectors[i] as Float32Array));
      try {
        const insert = db.prepare(
          'INSERT OR REPLACE INTO vectors (key, dim, data) VALUES (?, ?, ?)',
        );
        db.transaction(() => {
          for (const key of missing) {
            const vector = found.get(key) as Float32Array;
            insert.run(
              key,
              vector.length,
              Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength),
            );
          }
        })();
      } catch (error) {
        log.warn({ err: error }, 'embedding cache write failed');
      }
    }
    return keys.map((key) => found.get(key) as Float32Array);
  }
}
