import { StringStream } from '@codemirror/language';
import { describe, expect, it } from 'vitest';
import {
  BOOLEAN_KEYWORDS,
  ROUTE_KEYWORDS,
  TOP_KEYWORDS,
} from '../../../src-main/core/dsl/syntax/tokens';
import { dslToken } from '../../../src-renderer/src/components/dsl-editor/dsl-language';
import type { DslTokenState } from '../../../src-renderer/src/components/dsl-editor/dsl-language';
import {
  BLOCK_KEYWORDS,
  OPERATOR_KEYWORDS,
  ROUTE_ITEM_LIST,
} from '../../../src-renderer/src/components/dsl-editor/dsl-words';

// The highlighter's tokenizer, line by line, as CodeMirror drives it.

/** Each line's tokens as [text, tag]; blanks (tag null) are left out. */
function tokens(source: string): [string, string][] {
  const state: DslTokenState = { inString: false };
  const out: [string, string][] = [];
  for (const line of source.split('\n')) {
    const stream = new StringStream(line, 2, 2);
    while (!stream.eol()) {
      stream.start = stream.pos;
      const tag = dslToken(stream, state);
      expect(stream.pos, `stuck in ${JSON.stringify(line)}`).toBeGreaterThan(stream.start);
      if (tag) out.push([stream.current(), tag]);
    }
  }
  return out;
}

describe('dslToken', () => {
  it('names a SIGNAL block: keyword, type, name, field keys, strings, list', () => {
    expect(tokens('SIGNAL keyword urgent {\n  operator: "OR"\n  keywords: ["a", "b"]\n}')).toEqual([
      ['SIGNAL', 'keyword'],
      ['keyword', 'variableName'],
      ['urgent', 'variableName'],
      ['{', 'brace'],
      ['operator', 'propertyName'],
      [':', 'punctuation'],
      ['"OR"', 'string'],
      ['keywords', 'propertyName'],
      [':', 'punctuation'],
      ['[', 'squareBracket'],
      ['"a"', 'string'],
      [',', 'punctuation'],
      ['"b"', 'string'],
      [']', 'squareBracket'],
      ['}', 'brace'],
    ]);
  });

  it('tells route keywords, operators and signal-type calls apart', () => {
    expect(tokens('  WHEN keyword("x") AND NOT domain("math")')).toEqual([
      ['WHEN', 'controlKeyword'],
      ['keyword', 'variableName.function'],
      ['(', 'paren'],
      ['"x"', 'string'],
      [')', 'paren'],
      ['AND', 'operatorKeyword'],
      ['NOT', 'operatorKeyword'],
      ['domain', 'variableName.function'],
      ['(', 'paren'],
      ['"math"', 'string'],
      [')', 'paren'],
    ]);
  });

  it('reads signed numbers, booleans and comments', () => {
    expect(tokens('weight: -0.26 count: +3 on: true # note AND "x"')).toEqual([
      ['weight', 'propertyName'],
      [':', 'punctuation'],
      ['-0.26', 'number'],
      ['count', 'propertyName'],
      [':', 'punctuation'],
      ['+3', 'number'],
      ['on', 'propertyName'],
      [':', 'punctuation'],
      ['true', 'bool'],
      ['# note AND "x"', 'lineComment'],
    ]);
  });

  it('keeps an escaped quote inside its string and marks escapes', () => {
    expect(tokens('d: "say \\"hi\\" \\u00e9" x')).toEqual([
      ['d', 'propertyName'],
      [':', 'punctuation'],
      ['"say ', 'string'],
      ['\\"', 'escape'],
      ['hi', 'string'],
      ['\\"', 'escape'],
      [' ', 'string'],
      ['\\u00e9', 'escape'],
      ['"', 'string'],
      ['x', 'variableName'],
    ]);
  });

  it('marks a bad escape and a lone sign as invalid', () => {
    expect(tokens('"a\\q" - 1')).toEqual([
      ['"a', 'string'],
      ['\\q', 'invalid'],
      ['"', 'string'],
      ['-', 'invalid'],
      ['1', 'number'],
    ]);
  });

  it('ends an unterminated string at the line end', () => {
    expect(tokens('"open\nROUTE r')).toEqual([
      ['"open', 'string'],
      ['ROUTE', 'keyword'],
      ['r', 'variableName'],
    ]);
  });

  it('keeps names with - . / whole, and reads a TEST arrow', () => {
    expect(tokens('"q" -> qwen/qwen3.5-rocm')).toEqual([
      ['"q"', 'string'],
      ['->', 'operator'],
      ['qwen/qwen3.5-rocm', 'variableName'],
    ]);
  });
});

describe('the editor keyword lists', () => {
  it('match the core lexer', () => {
    expect([...BLOCK_KEYWORDS].sort()).toEqual([...TOP_KEYWORDS].sort());
    expect([...ROUTE_ITEM_LIST, 'NAME'].sort()).toEqual([...ROUTE_KEYWORDS].sort());
    expect([...OPERATOR_KEYWORDS].sort()).toEqual([...BOOLEAN_KEYWORDS].sort());
  });
});
