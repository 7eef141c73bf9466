import { contextWords, eachMatch, hasContext, isDigit, push, words } from './scan';
import type { Detector, Finding } from './types';

// Email addresses and phone numbers.

// ---- email ------------------------------------------------------------------
// Found from each '@' outwards (the '@' is the prefilter), so the cost is the
// number of '@' times a bounded walk (64 characters left, 253 right).

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

const isLocalCode = (c: number) =>
  (c >= 48 && c <= 57) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  c === 46 || // .
  c === 95 || // _
  c === 37 || // %
  c === 43 || // +
  c === 45; // -

/** Latin letters with diacritics (À–ɏ, without × and ÷): josé.garcía@…; never CJK, so 联系wang@… stays wang@…. */
const isLatinLetterCode = (c: number) => c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7;

const isLabelCode = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;

// Names that end a file, not a domain: `logo@2x.png`, `icon@3x.webp`, `lib@next.js`.
const FILE_SUFFIXES = new Set(
  words(
    'png jpg jpeg gif svg webp ico bmp tif tiff avif heic js mjs cjs jsx ts tsx css scss ' +
      'less map json yaml yml lock md txt html htm vue py rb rs go java kt swift',
  ),
);

// Generic top-level domains seen in everyday addresses, plus the reserved and
// private-use names (test, example, internal…). Two-letter country codes are
// all accepted; another long name still counts, with lower confidence, since
// `x@self.weight` in code has the same shape.
const KNOWN_TLDS = new Set(
  words(
    'com net org edu gov mil int info biz name pro aero coop museum travel jobs mobi tel ' +
      'asia cat post app dev cloud tech online site store shop blog xyz club top live news ' +
      'email mail digital agency company solutions services network systems software studio ' +
      'design media group global world life today space website page art law bank health ' +
      'care team work works zone icu vip fun ltd llc inc gmbh eus scot wales london berlin ' +
      'paris nyc tokyo moe academy school university consulting finance capital money test ' +
      'example invalid localhost local internal lan home corp intranet',
  ),
);

function emailAt(
  text: string,
  at: number,
): { start: number; end: number; tld: string } | undefined {
  // Local part, walking left.
  let start = at;
  while (start > 0 && at - start <= MAX_LOCAL) {
    const c = text.charCodeAt(start - 1);
    if (!isLocalCode(c) && !isLatinLetterCode(c)) break;
    start--;
  }
  if (at - start > MAX_LOCAL) return undefined;
  while (start < at && text[start] === '.') start++;
  if (start === at || text[at - 1] === '.' || text.slice(start, at).includes('..'))
    return undefined;
  const previous = text[start - 1];
  // `scheme://user@host` and `user:pass@host` are URLs (connection strings), `a@b@c` is not an
  // address, `@scope/pkg@1.0` is a package; `mailto:` is the exception.
  if (previous === '@' || previous === '/' || previous === '\\') return undefined;
  if (
    previous === ':' &&
    !text
      .slice(Math.max(0, start - 7), start)
      .toLowerCase()
      .endsWith('mailto:')
  )
    return undefined;

  // Domain, walking right: labels of 1–63 characters joined by single dots.
  let end = at + 1;
  let labelStart = end;
  const labels: string[] = [];
  while (end < text.length && end - at <= MAX_DOMAIN) {
    const c = text.charCodeAt(end);
    if (isLabelCode(c)) {
      end++;
      continue;
    }
    if (c === 46 && end > labelStart && isLabelCode(text.charCodeAt(end + 1))) {
      labels.push(text.slice(labelStart, end));
      end++;
      labelStart = end;
      continue;
    }
    break;
  }
  if (end - at > MAX_DOMAIN || end === labelStart) return undefined;
  labels.push(text.slice(labelStart, end));
  if (labels.length < 2) return undefined;
  if (labels.some((label) => label.length > 63 || label.startsWith('-') || label.endsWith('-')))
    return undefined;
  const tld = (labels[labels.length - 1] ?? '').toLowerCase();
  if (!/^(?:[a-z]{2,24}|xn--[a-z0-9-]{1,59})$/.test(tld)) return undefined;
  if (FILE_SUFFIXES.has(tld) || labels.some((label) => /^\d+x$/i.test(label))) return undefined;
  const next = text[end];
  if (next === '@') return undefined;
  // `git@github.com:org/repo.git` is an SSH remote, not someone's address.
  if (next === ':' && text.slice(start, at) === 'git') return undefined;
  return { start, end, tld };
}

export const emailDetector: Detector = {
  types: ['EMAIL_ADDRESS'],
  scan(text: string, out: Finding[]): void {
    let lastEnd = 0;
    for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
      if (at < lastEnd) continue;
      const found = emailAt(text, at);
      if (!found) continue;
      const known =
        found.tld.length === 2 || found.tld.startsWith('xn--') || KNOWN_TLDS.has(found.tld);
      push(out, 'EMAIL_ADDRESS', found.start, found.end, known ? 0.9 : 0.6);
      lastEnd = found.end;
    }
  },
};

// ---- phone numbers ----------------------------------------------------------

const PHONE_WORDS = contextWords(
  words(
    'phone tel mobile cell call fax whatsapp sms contact telefon téléphone telefono teléfono portable ' +
      'handy 电话 電話 手机 手機 联系 聯系 携帯 전화',
  ),
);

// International: '+', a country code, then digit groups joined by single
// spaces, dots, dashes or a parenthesised area code: +44 20 7946 0958,
// +1 (415) 555-2671, +49-30-901820, +8613800138000.
const INTERNATIONAL = /(?<![\w+])\+[1-9][\d \-.()]{6,22}\d(?![\w]|[.-]\d)/g;
// International with the 00 prefix and at least one separator: 0044 20 7946 0958.
const INTERNATIONAL_00 = /(?<![\w+\-.])00[1-9]\d{0,2}[ -]\d[\d -]{5,18}\d(?![\w]|[.-]\d)/g;
// North American (NANP): area and exchange start with 2–9. (415) 555-2671, 415-555-2671, 415.555.2671.
const NANP =
  /(?<![\w+\-./])(?:1[ \-.])?(?:\(([2-9]\d\d)\) ?|([2-9]\d\d)([ \-.]))[2-9]\d\d([ \-.])\d{4}(?![\w]|[.-]\d)/g;
// National with a trunk 0 and separated groups: 020 7946 0958, 07700 900123, 06 12 34 56 78,
// 030-12345678, 090-1234-5678, 01.23.45.67.89.
const TRUNK = /(?<![\w+\-./:])0[1-9]\d{0,3}([ \-.])\d{2,8}(?:\1\d{2,4}){0,3}(?![\w]|[.\-:/]\d)/g;
// National with the trunk code in parentheses: (020) 7946 0958, (030) 901820.
const TRUNK_PAREN =
  /(?<![\w+\-./(])\(0[1-9]\d{0,3}\) ?\d{2,8}(?:[ -]\d{2,4}){0,2}(?![\w]|[.\-/]\d)/g;
// Chinese mobile: 1[3-9] and 11 digits, compact or 3-4-4.
const CN_MOBILE = /(?<![\w+\-.])1[3-9]\d(?:\d{8}|([ -])\d{4}\1\d{4})(?![\w]|[.-]\d)/g;

function separatorsWellFormed(value: string): boolean {
  // No two separators in a row except around a parenthesis; parentheses balanced and only around digits.
  if (/[ \-.]{2}/.test(value)) return false;
  const open = value.indexOf('(');
  const close = value.indexOf(')');
  if (open === -1 && close === -1) return true;
  if (open === -1 || close < open) return false;
  if (value.indexOf('(', open + 1) !== -1 || value.indexOf(')', close + 1) !== -1) return false;
  return /^\(\d{1,4}\)$/.test(value.slice(open, close + 1));
}

/** A digit and one separator right before: the candidate is the tail of a longer grouped code. */
function continuesLeft(text: string, index: number): boolean {
  return /\d[ \-.]$/.test(text.slice(Math.max(0, index - 2), index));
}

function digitCount(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) if (isDigit(value.charCodeAt(i))) count++;
  return count;
}

export const phoneDetector: Detector = {
  types: ['PHONE_NUMBER'],
  scan(text: string, out: Finding[]): void {
    eachMatch(INTERNATIONAL, text, (m) => {
      const value = m[0];
      const digits = digitCount(value);
      if (digits < 8 || digits > 15 || !separatorsWellFormed(value)) return;
      const compact = !/[ \-.()]/.test(value);
      if (compact && digits < 10) return;
      // Dotted runs like +1.2.3.4.5 are arithmetic or versions, not numbers.
      if (/\.\d{1,2}\./.test(value) && !/^\+\d{1,3}\.\d{2,4}\.\d{3,4}\.\d{3,4}$/.test(value))
        return;
      push(out, 'PHONE_NUMBER', m.index, m.index + value.length, compact ? 0.75 : 0.85);
    });
    eachMatch(INTERNATIONAL_00, text, (m) => {
      // Country code and national number: at least 10 digits after the 00 (the + form needs 8).
      const digits = digitCount(m[0]) - 2;
      if (digits < 10 || digits > 15 || /[ -]{2}/.test(m[0]) || continuesLeft(text, m.index))
        return;
      push(out, 'PHONE_NUMBER', m.index, m.index + m[0].length, 0.7);
    });
    eachMatch(NANP, text, (m) => {
      const [, , , first, second] = m;
      if (continuesLeft(text, m.index)) return;
      // Un-parenthesised forms keep one separator throughout: 415-555-2671, not 415-555.2671.
      if (first !== undefined && first !== second) return;
      const confidence = m[1] !== undefined ? 0.8 : second === '-' ? 0.75 : 0.65;
      const boosted = hasContext(text, m.index, PHONE_WORDS) ? 0.9 : confidence;
      push(out, 'PHONE_NUMBER', m.index, m.index + m[0].length, boosted);
    });
    eachMatch(TRUNK, text, (m) => {
      const value = m[0];
      const digits = digitCount(value);
      if (digits < 10 || digits > 11) return;
      const separator = m[1];
      if (continuesLeft(text, m.index)) return;
      // Dots only in the French five-pairs shape (01.23.45.67.89).
      if (separator === '.' && !/^0\d(?:\.\d\d){4}$/.test(value)) return;
      const context = hasContext(text, m.index, PHONE_WORDS);
      push(out, 'PHONE_NUMBER', m.index, m.index + value.length, context ? 0.85 : 0.6);
    });
    eachMatch(TRUNK_PAREN, text, (m) => {
      const digits = digitCount(m[0]);
      if (digits < 9 || digits > 11) return;
      const context = hasContext(text, m.index, PHONE_WORDS);
      push(out, 'PHONE_NUMBER', m.index, m.index + m[0].length, context ? 0.85 : 0.7);
    });
    eachMatch(CN_MOBILE, text, (m) => {
      const context = hasContext(text, m.index, PHONE_WORDS);
      const grouped = m[1] !== undefined;
      const confidence = context ? 0.85 : grouped ? 0.65 : 0.55;
      push(out, 'PHONE_NUMBER', m.index, m.index + m[0].length, confidence);
    });
  },
};
