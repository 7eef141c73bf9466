import type { Finding, SensitiveType } from './types';
import { categoryOf } from './types';

// Small helpers shared by the pattern families. Every pattern is a global
// regular expression with bounded repetitions and no nested quantifiers, so
// one attempt costs at most a fixed number of steps and a scan is linear in
// the text's length.

/** Calls `visit` for each match of a global `pattern` in `text`, left to right. */
export function eachMatch(
  pattern: RegExp,
  text: string,
  visit: (match: RegExpExecArray) => void,
): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) pattern.lastIndex++;
    visit(match);
  }
}

export function push(
  out: Finding[],
  type: SensitiveType,
  start: number,
  end: number,
  confidence: number,
  subtype?: string,
): void {
  const finding: Finding = { type, start, end, confidence, category: categoryOf(type) };
  if (subtype !== undefined) finding.subtype = subtype;
  out.push(finding);
}

/** Up to `length` characters before `index`, lower-cased (where context words are looked for). */
export function before(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - length), index).toLowerCase();
}

/**
 * A matcher for context words: ASCII words must stand alone ("sin" does not
 * match "using"), other scripts match anywhere.
 */
export function contextWords(words: readonly string[]): RegExp {
  const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ascii = words.filter((word) => /^[\x20-\x7e]+$/.test(word)).map(escape);
  const other = words.filter((word) => !/^[\x20-\x7e]+$/.test(word)).map(escape);
  const parts: string[] = [];
  if (ascii.length > 0) parts.push(`(?<![a-z])(?:${ascii.join('|')})(?![a-z])`);
  if (other.length > 0) parts.push(`(?:${other.join('|')})`);
  return new RegExp(parts.join('|'), 'u');
}

/** Whether a context word appears in the `length` characters before `index`. */
export function hasContext(text: string, index: number, words: RegExp, length = 32): boolean {
  return words.test(before(text, index, length));
}

export const digitsOf = (value: string): string => value.replace(/\D/g, '');

export const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** ASCII letter, digit or underscore. */
export function isWordCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95
  );
}

/** A word list written as one space-separated string. */
export const words = (list: string): string[] => list.split(/\s+/).filter(Boolean);
