import { randomBytes } from 'node:crypto';

// Trace ids are 16 random bytes in hex, like upstream's replay ids. Random
// bytes are drawn in blocks so a request does not pay a syscall for its id.
const BLOCK_IDS = 256;
let pool = Buffer.alloc(0);
let offset = 0;

export function newTraceId(): string {
  if (offset + 16 > pool.length) {
    pool = randomBytes(16 * BLOCK_IDS);
    offset = 0;
  }
  const id = pool.toString('hex', offset, offset + 16);
  offset += 16;
  return id;
}
