import { brotliCompressSync, brotliDecompressSync, constants, inflateRawSync } from 'node:zlib';

// How a record's trace is kept. A trace is stored alone, in
// `routing_traces.trace`, in one of three forms:
//
// - a blob that starts with BROTLI_TAG: that byte, then the trace's JSON
//   compressed by brotli at its fastest quality (schema 7 on);
// - any other blob: the JSON, raw-deflated (schemas 3 to 6);
// - text: the JSON itself (schema 2).
//
// Or, for records written in a batch (schema 7 on), several traces share
// one compressed pack in `trace_packs`: the pack is the traces' JSON one
// after the other, compressed together like a single trace, and each
// member's `routing_traces.trace` is a span: where its JSON starts in the
// pack and how many bytes it has (two unsigned 32-bit little-endian
// numbers). One compression call for a whole pack costs a fraction of one
// per trace, and traces of one router compress far better together.
//
// The tag cannot be mistaken for the first byte of a raw deflate stream:
// its bits 1–2 name block type 3, which deflate reserves and zlib never
// writes.

export const BROTLI_TAG = 0xff;

/** At most this many traces, and this many bytes of JSON, go in one pack. */
export const PACK_TRACES = 16;
export const PACK_BYTES = 64 * 1024;

const SPAN_BYTES = 8;

/** The trace's JSON, as it is stored. */
export function traceJson(trace: Record<string, unknown>): string {
  return JSON.stringify(trace);
}

/** Brotli at its fastest, behind the tag. */
function compress(bytes: Buffer): Buffer {
  const packed = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MIN_QUALITY,
      // 64 KB: as much as a pack holds.
      [constants.BROTLI_PARAM_LGWIN]: 16,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
    // Room for the whole output at once, not zlib's usual 16 KB per call.
    chunkSize: Math.max(1024, bytes.length),
  });
  const stored = Buffer.allocUnsafe(packed.length + 1);
  stored[0] = BROTLI_TAG;
  packed.copy(stored, 1);
  return stored;
}

function decompress(stored: Buffer): Buffer {
  return brotliDecompressSync(stored.subarray(1));
}

/** The stored form of one trace, given its JSON. */
export function packTrace(json: string): Buffer {
  return compress(Buffer.from(json, 'utf8'));
}

/** The trace of a value stored alone, whichever form it was written in; {} when there is none. */
export function unpackTrace(stored: unknown): Record<string, unknown> {
  if (stored === undefined || stored === null) return {};
  let text: string;
  if (!Buffer.isBuffer(stored)) text = String(stored);
  else if (stored[0] === BROTLI_TAG) text = decompress(stored).toString('utf8');
  else text = inflateRawSync(stored).toString('utf8');
  return JSON.parse(text) as Record<string, unknown>;
}

/** A pack of several traces' JSON, and each one's span in it. */
export function packTraces(jsons: readonly string[]): { pack: Buffer; spans: Buffer[] } {
  const spans: Buffer[] = [];
  let start = 0;
  for (const json of jsons) {
    const length = Buffer.byteLength(json, 'utf8');
    const span = Buffer.allocUnsafe(SPAN_BYTES);
    span.writeUInt32LE(start, 0);
    span.writeUInt32LE(length, 4);
    spans.push(span);
    start += length;
  }
  return { pack: compress(Buffer.from(jsons.join(''), 'utf8')), spans };
}

/** The JSON of every trace of a pack, one after the other (spans point into it). */
export function openPack(pack: Buffer): Buffer {
  return decompress(pack);
}

/** The trace at `span` in an opened pack. */
export function traceInPack(opened: Buffer, span: Buffer): Record<string, unknown> {
  const start = span.length === SPAN_BYTES ? span.readUInt32LE(0) : Infinity;
  const end = start + (span.length === SPAN_BYTES ? span.readUInt32LE(4) : 0);
  if (end > opened.length) throw new Error('a trace points outside its pack');
  return JSON.parse(opened.toString('utf8', start, end)) as Record<string, unknown>;
}
