import { describe, expect, it } from 'vitest';
import {
  containsCjk,
  countBoundedOccurrences,
  hasUnicodeBoundary,
  isCjkCodePoint,
  isWordCodePoint,
  multilingualUnitCount,
  utf8ByteLength,
} from '../../../src-main/core/signals/text-units';

const cp = (char: string): number => char.codePointAt(0) ?? -1;

describe('CJK detection', () => {
  it('knows Han, Hiragana, Katakana and Hangul, and nothing else', () => {
    for (const char of ['中', '表', 'ひ', 'カ', '한', 'ᄀ', '𠀀'])
      expect(isCjkCodePoint(cp(char))).toBe(true);
    for (const char of ['a', 'é', 'Ж', 'ع', '1', '，', '。', ' '])
      expect(isCjkCodePoint(cp(char))).toBe(false);
    expect(containsCjk('内部 SDK')).toBe(true);
    expect(containsCjk('internal SDK')).toBe(false);
  });

  it('counts letters and decimal digits of any script as word characters', () => {
    for (const char of ['a', 'Z', '7', 'é', 'Ж', '中', '٣'])
      expect(isWordCodePoint(cp(char))).toBe(true);
    for (const char of ['_', '-', ' ', '!', '？', '\u0301'])
      expect(isWordCodePoint(cp(char))).toBe(false);
  });
});

describe('multilingualUnitCount', () => {
  it('counts each CJK character and each run of other letters/digits once', () => {
    expect(multilingualUnitCount('explain 量子 now')).toBe(4);
    expect(multilingualUnitCount('hello, world! 你好')).toBe(4);
    expect(multilingualUnitCount('안녕하세요 world')).toBe(6);
    expect(multilingualUnitCount('カタカナとひらがな')).toBe(9);
    expect(multilingualUnitCount('请用不超过100字回答')).toBe(9);
    expect(multilingualUnitCount('café-au-lait 42')).toBe(4);
  });

  it('is zero for text without letters or digits', () => {
    expect(multilingualUnitCount('')).toBe(0);
    expect(multilingualUnitCount(' ?!… ')).toBe(0);
  });
});

describe('utf8ByteLength', () => {
  it('matches the UTF-8 encoding', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('中')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
    const mixed = 'héllo 世界 😀!';
    expect(utf8ByteLength(mixed)).toBe(Buffer.byteLength(mixed, 'utf8'));
  });
});

describe('hasUnicodeBoundary and countBoundedOccurrences', () => {
  it('rejects neighbours that are non-CJK letters or digits, in any script', () => {
    expect(hasUnicodeBoundary('return json now', 7, 11)).toBe(true);
    expect(hasUnicodeBoundary('jsonify', 0, 4)).toBe(false);
    expect(hasUnicodeBoundary('underé', 0, 5)).toBe(false);
    expect(hasUnicodeBoundary('json格式', 0, 4)).toBe(true);
    expect(hasUnicodeBoundary('2json', 1, 5)).toBe(false);
    expect(hasUnicodeBoundary('😀json', 2, 6)).toBe(true);
  });

  it('counts bounded non-CJK needles and plain CJK substrings', () => {
    expect(countBoundedOccurrences('json, json and jsonify', 'json')).toBe(2);
    expect(countBoundedOccurrences('return json格式', 'json')).toBe(1);
    expect(countBoundedOccurrences('做一个表格吧，表格要大', '表格')).toBe(2);
    expect(countBoundedOccurrences('under字 underscore under', 'under')).toBe(2);
    expect(countBoundedOccurrences('anything', '')).toBe(0);
  });

  it('does not overlap occurrences', () => {
    expect(countBoundedOccurrences('哈哈哈', '哈哈')).toBe(1);
  });
});
