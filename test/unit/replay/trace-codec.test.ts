import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  BROTLI_TAG,
  openPack,
  packTrace,
  packTraces,
  traceInPack,
  traceJson,
  unpackTrace,
} from '../../../src-main/core/replay/trace-codec';

// Every form a trace was ever stored in reads back as the same object, and a
// pack gives back each of its traces exactly.

const TRACE = {
  schema_version: 1,
  text: 'Prouve que √2 est irrationnel — 证明 🙂',
  decision: 'hard_questions',
  decisions: [{ name: 'hard_questions', matched: true, confidence: 0.75, matched_rules: [] }],
  token_count: null,
  private: false,
};

describe('the trace codec', () => {
  it('reads back what it writes, tagged as brotli', () => {
    const stored = packTrace(traceJson(TRACE));
    expect(stored[0]).toBe(BROTLI_TAG);
    expect(unpackTrace(stored)).toEqual(TRACE);
  });

  it('still reads the forms of earlier schemas: deflated blobs and plain JSON text', () => {
    expect(unpackTrace(deflateRawSync(JSON.stringify(TRACE)))).toEqual(TRACE);
    expect(unpackTrace(deflateRawSync(JSON.stringify(TRACE), { level: 9 }))).toEqual(TRACE);
    expect(unpackTrace(JSON.stringify(TRACE))).toEqual(TRACE);
    expect(unpackTrace(null)).toEqual({});
  });

  it('never takes a deflate stream for a tagged one', () => {
    for (let i = 0; i < 300; i++) {
      const input = i % 2 === 0 ? randomBytes(i * 7) : Buffer.from(JSON.stringify({ i, TRACE }));
      expect(deflateRawSync(input, { level: (i % 9) + 1 })[0]).not.toBe(BROTLI_TAG);
    }
  });

  it('gives back each trace of a pack, whatever its size or script', () => {
    const traces = [
      TRACE,
      {},
      { text: 'a'.repeat(70_000) },
      { ...TRACE, text: randomBytes(300).toString('base64') },
      { nested: { deeper: [1, 2, { x: 'é' }] } },
    ];
    const { pack, spans } = packTraces(traces.map(traceJson));
    const opened = openPack(pack);
    expect(spans.map((span) => traceInPack(opened, span))).toEqual(traces);
  });

  it('refuses a span that points outside its pack', () => {
    const { pack, spans } = packTraces([traceJson(TRACE), traceJson({})]);
    const opened = openPack(pack);
    const beyond = Buffer.from(spans[1] ?? []);
    beyond.writeUInt32LE(opened.length, 0);
    beyond.writeUInt32LE(1, 4);
    expect(() => traceInPack(opened, beyond)).toThrow(/outside its pack/);
    expect(() => traceInPack(opened, Buffer.alloc(3))).toThrow(/outside its pack/);
  });
});
