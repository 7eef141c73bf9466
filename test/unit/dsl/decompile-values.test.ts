import { describe, expect, it } from 'vitest';
import {
  compareText,
  formatNumber,
  isBareName,
  printObject,
  printValue,
  quoteName,
  quoteString,
} from '../../../src-main/core/dsl/decompile/print-value';

describe('quoteString (Go %q)', () => {
  it('escapes quotes, backslashes and control characters with short escapes', () => {
    expect(quoteString('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteString('(?m)^\\s*\\d+')).toBe('"(?m)^\\\\s*\\\\d+"');
    expect(quoteString('a\nb\tc\rd')).toBe('"a\\nb\\tc\\rd"');
    expect(quoteString('\x07\b\f\v')).toBe('"\\a\\b\\f\\v"');
  });

  it('keeps printable Unicode as is, including CJK punctuation and emoji', () => {
    expect(quoteString('本地处理？！')).toBe('"本地处理？！"');
    expect(quoteString('ok 👍')).toBe('"ok 👍"');
  });

  it('escapes other non-printable characters as \\x, \\u or \\U', () => {
    expect(quoteString('\x00\x1f\x7f')).toBe('"\\x00\\x1f\\x7f"');
    expect(quoteString('a\u00a0b\u200bc')).toBe('"a\\u00a0b\\u200bc"');
    expect(quoteString('\u{e0001}')).toBe('"\\U000e0001"');
    expect(quoteString('\ud800')).toBe('"\\ufffd"');
  });
});

describe('formatNumber', () => {
  it('prints the shortest decimal form', () => {
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(10)).toBe('10');
    expect(formatNumber(-0.26)).toBe('-0.26');
    expect(formatNumber(100000)).toBe('100000');
  });

  it('never uses exponent notation, which the lexer cannot read', () => {
    expect(formatNumber(0.00001)).toBe('0.00001');
    expect(formatNumber(-1.5e-7)).toBe('-0.00000015');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(1.25e22)).toBe('12500000000000000000000');
  });
});

describe('names', () => {
  it('leaves identifiers bare, with - . / allowed after the first character', () => {
    expect(quoteName('computer_science')).toBe('computer_science');
    expect(quoteName('qwen/qwen3.5-rocm')).toBe('qwen/qwen3.5-rocm');
  });

  it('quotes names with spaces, colons, a leading digit or non-ASCII letters', () => {
    expect(quoteName('computer science')).toBe('"computer science"');
    expect(quoteName('qwen2.5:3b')).toBe('"qwen2.5:3b"');
    expect(quoteName('7b-model')).toBe('"7b-model"');
    expect(quoteName('数学')).toBe('"数学"');
    expect(quoteName('')).toBe('""');
  });

  it('quotes keywords and boolean literals', () => {
    expect(isBareName('AND')).toBe(false);
    expect(quoteName('ROUTE')).toBe('"ROUTE"');
    expect(quoteName('true')).toBe('"true"');
    expect(quoteName('and')).toBe('and');
  });
});

describe('printValue', () => {
  it('prints objects inline with sorted keys and lists with ", "', () => {
    expect(printValue({ type: 'count', source: { type: 'regex', pattern: '[?]' } })).toBe(
      '{ source: { pattern: "[?]", type: "regex" }, type: "count" }',
    );
    expect(
      printValue([
        ['first', 'then'],
        [1, true],
      ]),
    ).toBe('[["first", "then"], [1, true]]');
    expect(printValue({})).toBe('{}');
  });

  it('drops nulls inside objects and lists', () => {
    expect(printValue({ a: null, b: 1 })).toBe('{ b: 1 }');
    expect(printValue([null, 'x'])).toBe('["x"]');
  });

  it('puts ordered keys first, then the rest sorted, or drops them', () => {
    const value = { z: 1, name: 'n', a: 2, type: 't' };
    expect(printObject(value, { order: ['type', 'name'] })).toBe(
      '{ type: "t", name: "n", a: 2, z: 1 }',
    );
    expect(printObject(value, { order: ['type', 'name'], extras: false })).toBe(
      '{ type: "t", name: "n" }',
    );
  });
});

describe('compareText', () => {
  it('orders by code point like Go strings, not by UTF-16 unit', () => {
    const names = ['\u{1f600}', '\uffff', 'b', 'a'];
    expect([...names].sort(compareText)).toEqual(['a', 'b', '\uffff', '\u{1f600}']);
  });
});
