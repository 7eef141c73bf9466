import { describe, expect, it } from 'vitest';
import { compileGoRegex } from '../../../src-main/core/signals/structure';

// Structure regexes are written for Go's RE2; these pin the translation.

describe('compileGoRegex', () => {
  const count = (pattern: string, text: string, caseSensitive = false): number =>
    [...text.matchAll(compileGoRegex(pattern, caseSensitive))].length;

  it('turns leading flag groups into flags', () => {
    expect(compileGoRegex('(?m)^a', false).flags).toBe('gimu');
    expect(compileGoRegex('(?s)a.b', true).flags).toBe('gsu');
    expect(compileGoRegex('(?i)(?-i)a', false).flags).toBe('gu');
    expect(compileGoRegex('(?is-m)a', true).flags).toBe('gisu');
  });

  it('rewrites RE2 spellings JavaScript reads differently', () => {
    expect(count('\\pL+', 'héllo wörld 42')).toBe(2);
    expect(count('\\p{Han}', '汉字 abc')).toBe(2);
    expect(count('(?P<n>\\d+)', 'a1 b22')).toBe(2);
    expect(count('[[:digit:]]+', 'a1 b22')).toBe(2);
    expect(count('\\#\\-', '#- #-')).toBe(2);
    expect(count('a{', 'a{ a{')).toBe(2);
    expect(count('x{2}', 'xx x')).toBe(1);
    expect(count('end\\z', 'end end')).toBe(1);
    expect(count('\\Aend', 'end end')).toBe(1);
    expect(count('[]a]', 'a]')).toBe(2);
    expect(count('\\Q.*\\E', 'a.*b')).toBe(1);
    expect(count('\\x{4e2d}', '中国')).toBe(1);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(count('^.$', '😀')).toBe(1);
  });

  it('rejects what JavaScript cannot express', () => {
    expect(() => compileGoRegex('(?U)a+', false)).toThrow(/ungreedy/);
    expect(() => compileGoRegex('[[:^alpha:]]', false)).toThrow(/negated/);
    expect(() => compileGoRegex('(', false)).toThrow();
  });
});
