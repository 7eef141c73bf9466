import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../src-main/core/lanes/sse-stream';

/** Feeds the text split at every given position and returns the event data. */
function parseInPieces(text: string, cuts: number[]): string[] {
  const parser = new SseParser();
  const out: string[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    out.push(...parser.push(text.slice(from, cut)).map((e) => e.data));
    from = cut;
  }
  out.push(...parser.end().map((e) => e.data));
  return out;
}

describe('SseParser', () => {
  const stream =
    ': hello comment\r\n' +
    'data: {"a":1}\r\n\r\n' +
    'event: note\ndata: line one\ndata: line two\n\n' +
    'data:no-space\r\rdata: [DONE]\n\n';
  const expected = ['{"a":1}', 'line one\nline two', 'no-space', '[DONE]'];

  it('parses LF, CRLF and CR endings, comments and multi-line data', () => {
    expect(parseInPieces(stream, [])).toEqual(expected);
  });

  it('gives the same events wherever the chunks are cut', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      expect(parseInPieces(stream, [cut]), `cut at ${cut}`).toEqual(expected);
    }
    expect(
      parseInPieces(
        stream,
        Array.from({ length: stream.length }, (_, i) => i),
      ),
    ).toEqual(expected);
  });

  it('keeps the event name and dispatches a last event that lacked its blank line', () => {
    const parser = new SseParser();
    expect(parser.push('event: note\ndata: x\n\n')).toEqual([{ event: 'note', data: 'x' }]);
    expect(parser.push('data: [DONE]')).toEqual([]);
    expect(parser.end()).toEqual([{ data: '[DONE]' }]);
  });

  it('ignores events without data', () => {
    expect(parseInPieces('event: ping\n\n: only a comment\n\nid: 3\n\n', [])).toEqual([]);
  });
});
