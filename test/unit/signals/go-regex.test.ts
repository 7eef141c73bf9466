import { describe, expect, it } from 'vitest';
import { compileGoRegex, translateGoRegex } from '../../../src-main/core/signals/go-regex';

// Keyword `method: regex` and structure `regex` sources are Go RE2 patterns; these pin the translation.

const cs = (pattern: string) => compileGoRegex(pattern, false);
const ci = (pattern: string) => compileGoRegex(pattern, true);
/** Non-overlapping matches of a global regex, as structure counts them. */
const count = (pattern: string, text: string, caseInsensitive = true): number =>
  [...text.matchAll(compileGoRegex(pattern, caseInsensitive, { global: true }))].length;

describe('RE2 → JS translation: flags', () => {
  it('turns a leading (?i) into the i flag', () => {
    expect(translateGoRegex('(?i)abc', false).flags).toBe('iu');
    expect(cs('(?i)abc').test('xABCx')).toBe(true);
    expect(cs('abc').test('ABC')).toBe(false);
    expect(ci('abc').test('ABC')).toBe(true);
    expect(ci('(?i)(?s)a.c').test('A\nC')).toBe(true);
  });

  it('lets (?-i) at the start make a case-insensitive rule pattern case-sensitive', () => {
    expect(ci('(?-i)abc').test('ABC')).toBe(false);
  });

  it('makes i the only JS flag: leading groups set or clear it, m and s are translated inline', () => {
    expect(compileGoRegex('(?m)^a', true, { global: true }).flags).toBe('giu');
    expect(compileGoRegex('(?s)a.b', false, { global: true }).flags).toBe('gu');
    expect(compileGoRegex('(?i)(?-i)a', true, { global: true }).flags).toBe('gu');
    expect(compileGoRegex('(?is-m)a.', false, { global: true }).flags).toBe('giu');
    expect(count('(?is-m)a.', 'A\na\n', false)).toBe(2);
  });

  it('rejects switching case-insensitivity mid-pattern', () => {
    expect(() => cs('a(?i)b')).toThrow(/whole pattern/);
    expect(() => cs('(?i:a)b')).toThrow(/whole pattern/);
    expect(ci('a(?i)b').test('AB')).toBe(true); // no change: allowed
  });

  it('translates s, m and U, scoped to their group', () => {
    expect(cs('a.c').test('a\nc')).toBe(false);
    expect(cs('a.c').test('a\rc')).toBe(true); // RE2 . excludes only \n
    expect(cs('(?s)a.c').test('a\nc')).toBe(true);
    expect(cs('(?s:a.)c.').test('a\ncx')).toBe(true);
    expect(cs('(?s:a.)c.').test('a\nc\n')).toBe(false);
    expect(cs('(?m)^foo$').test('x\nfoo\ny')).toBe(true);
    expect(cs('(?m)^foo').test('x\rfoo')).toBe(false); // only \n ends a line
    expect(cs('^foo$').test('x\nfoo\ny')).toBe(false);
    expect('aaa'.match(cs('(?U)a+'))?.[0]).toBe('a');
    expect('aaa'.match(cs('(?U)a+?'))?.[0]).toBe('aaa');
    expect(count('(?U)a+', 'aaa')).toBe(3);
  });
});

describe('RE2 → JS translation: global regexes for counting', () => {
  it('adds g only when asked, so RegExp.test stays stateless', () => {
    expect(cs('a').flags).toBe('u');
    expect(ci('a').flags).toBe('iu');
    expect(compileGoRegex('a', false, { global: true }).flags).toBe('gu');
    const regex = cs('a');
    expect([regex.test('a'), regex.test('a')]).toEqual([true, true]);
  });

  it('counts RE2 spellings JavaScript reads differently', () => {
    expect(count('\\pL+', 'héllo wörld 42')).toBe(2);
    expect(count('\\p{Han}', '汉字 abc')).toBe(2);
    expect(count('(?P<n>\\d+)', 'a1 b22')).toBe(2);
    expect(count('[[:digit:]]+', 'a1 b22')).toBe(2);
    expect(count('[[:^alpha:]]+', 'ab12cd;')).toBe(2);
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
});

describe('RE2 → JS translation: escapes and classes', () => {
  it('keeps \\s ASCII', () => {
    expect(cs('a\\sb').test('a\u00a0b')).toBe(false);
    expect(cs('a\\sb').test('a\tb')).toBe(true);
    expect(cs('a\\Sb').test('a\u00a0b')).toBe(true);
    expect(cs('a[\\s,]b').test('a,b')).toBe(true);
    expect(cs('a[^\\S]b').test('a\u2003b')).toBe(false);
  });

  it('handles \\Q…\\E, \\x{…}, octal, \\A and \\z', () => {
    expect(cs('\\Qa.b*\\E').test('a.b*')).toBe(true);
    expect(cs('\\Qa.b*\\E').test('axbb')).toBe(false);
    expect(cs('\\x{4e2d}\\x41').test('中A')).toBe(true);
    expect(cs('\\101\\0').test('A\0')).toBe(true);
    expect(cs('\\Afoo\\z').test('foo')).toBe(true);
    expect(cs('foo\\z').test('foo\n')).toBe(false);
  });

  it('accepts escaped punctuation and literal braces as RE2 does', () => {
    expect(cs('\\-\\#\\_\\<').test('-#_<')).toBe(true);
    expect(cs('a{,2}').test('a{,2}')).toBe(true);
    expect(cs('x{2}}').test('xx}')).toBe(true);
    expect(cs('a]').test('a]')).toBe(true);
    expect(cs('[]a]+').test(']a]')).toBe(true);
    expect(cs('[a\\-z]').test('-')).toBe(true);
    expect(cs('[a\\-z]').test('m')).toBe(false);
  });

  it('supports POSIX classes and Unicode properties', () => {
    expect(cs('^[[:alpha:]]+$').test('abcXYZ')).toBe(true);
    expect(cs('^[[:^digit:]]+$').test('ab中')).toBe(true);
    expect(cs('^[[:^digit:]]+$').test('a1')).toBe(false);
    expect(cs('^\\pL+$').test('héllo')).toBe(true);
    expect(cs('\\p{Greek}').test('λ')).toBe(true);
    expect(cs('\\p{^Greek}').test('λ')).toBe(false);
    expect(cs('\\PN').test('7')).toBe(false);
    expect(cs('\\p{Han}+').test('中文')).toBe(true);
  });

  it('supports named groups in both spellings', () => {
    expect(cs('(?P<year>\\d{4})-(?<month>\\d\\d)').exec('2024-05')?.groups?.['month']).toBe('05');
  });
});

describe('RE2 → JS translation: what RE2 rejects', () => {
  it.each([
    ['a(?=b)', /lookaround/],
    ['(?<!a)b', /lookaround/],
    ['(a)\\1', /backreferences/],
    ['x{1001}', /1000/],
    ['\\Z', /invalid escape/],
    ['[a', /missing \]/],
    ['(', /missing \)/],
    ['(a', /missing \)/],
    ['a)', /unexpected \)/],
    ['*a', /.+/],
    ['a**', /.+/],
    ['[[:nope:]]', /POSIX/],
  ])('%s', (pattern, message) => {
    expect(() => cs(pattern)).toThrow(message);
  });
});
