import type { Hash } from 'node:crypto';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * Feeds a file's bytes into `hash` as a stream (model files are gigabytes)
 * and returns how many bytes it read.
 */
export async function hashInto(
  hash: Hash,
  file: string,
  onBytes?: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<number> {
  let total = 0;
  const stream = createReadStream(file, { highWaterMark: 1 << 20, signal });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    total += chunk.length;
    onBytes?.(chunk.length);
  }
  return total;
}

/** The sha256 (lower-case hex) and size of a file. */
export async function sha256File(
  file: string,
  onBytes?: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const size = await hashInto(hash, file, onBytes, signal);
  return { sha256: hash.digest('hex'), size };
}
