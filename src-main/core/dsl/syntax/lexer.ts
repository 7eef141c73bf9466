import type { Diagnostic } from '../../config/diagnostics';
import { DSL_PATH } from '../../config/diagnostics';
import type { Position, Token, TokenKind } from './tokens';
import { PUNCTUATION } from './tokens';

// Turns DSL source into tokens. Never throws: a character that starts no
// token, an unterminated string or a lone sign becomes a located `lex_error`
// diagnostic and is skipped, so the parser still sees the rest of the file.

export interface LexResult {
  tokens: Token[];
  /** Comments in source order, kept for editors (the parser ignores them). */
  comments: Token[];
  diagnostics: Diagnostic[];
}

const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isDigit = (c: string) => c >= '0' && c <= '9';
const isIdentStart = isLetter;
const isIdentPart = (c: string) => isLetter(c) || isDigit(c) || c === '-' || c === '.' || c === '/';

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
  '/': '/',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  "'": "'",
};

export function lex(source: string, file = '<dsl>'): LexResult {
  const tokens: Token[] = [];
  const comments: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  let offset = 0;
  let line = 1;
  let lineStart = 0;

  const here = (): Position => ({ offset, line, column: offset - lineStart + 1 });
  const fail = (at: Position, message: string) =>
    diagnostics.push({
      severity: 'error',
      code: 'lex_error',
      message,
      file,
      line: at.line,
      column: at.column,
      endLine: at.line,
      endColumn: at.column + 1,
      path: DSL_PATH,
    });
  const push = (kind: TokenKind, start: Position, value?: string) => {
    const text = source.slice(start.offset, offset);
    const token: Token = { kind, text, value: value ?? text, range: { start, end: here() } };
    (kind === 'comment' ? comments : tokens).push(token);
  };

  while (offset < source.length) {
    const c = source[offset] as string;
    if (c === '\n') {
      offset += 1;
      line += 1;
      lineStart = offset;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\uFEFF') {
      offset += 1;
      continue;
    }
    const start = here();
    if (c === '#') {
      while (offset < source.length && source[offset] !== '\n') offset += 1;
      push('comment', start);
      continue;
    }
    if (c === '"') {
      const value = readString(source, offset, (message, at) =>
        fail({ offset: at, line, column: at - lineStart + 1 }, message),
      );
      offset = value.end;
      push('string', start, value.text);
      continue;
    }
    if (c === '-' && source[offset + 1] === '>') {
      offset += 2;
      push('arrow', start);
      continue;
    }
    if (c === '→') {
      offset += 1;
      push('arrow', start);
      continue;
    }
    if (isDigit(c) || ((c === '-' || c === '+') && offset + 1 < source.length)) {
      let end = offset + (isDigit(c) ? 0 : 1);
      const digitsFrom = end;
      while (end < source.length && isDigit(source[end] as string)) end += 1;
      if (end > digitsFrom) {
        let kind: TokenKind = 'int';
        if (source[end] === '.' && isDigit(source[end + 1] ?? '')) {
          end += 1;
          while (end < source.length && isDigit(source[end] as string)) end += 1;
          kind = 'float';
        }
        offset = end;
        push(kind, start);
        continue;
      }
    }
    if (isIdentStart(c)) {
      while (offset < source.length && isIdentPart(source[offset] as string)) offset += 1;
      push('ident', start);
      continue;
    }
    if (PUNCTUATION.has(c)) {
      offset += 1;
      push('punct', start);
      continue;
    }
    const shown =
      c === '-' || c === '+'
        ? `a lone "${c}" (a sign must be followed by digits)`
        : describe(source, offset);
    fail(start, c === '-' || c === '+' ? shown : `unexpected ${shown}`);
    offset += String.fromCodePoint(source.codePointAt(offset) ?? 0).length;
  }
  tokens.push({ kind: 'eof', text: '', value: '', range: { start: here(), end: here() } });
  return { tokens, comments, diagnostics };
}

function describe(source: string, offset: number): string {
  const char = String.fromCodePoint(source.codePointAt(offset) ?? 0);
  return `character ${JSON.stringify(char)}`;
}

/** Reads a double-quoted string starting at `start`; stops at the line's end when unterminated. */
function readString(
  source: string,
  start: number,
  fail: (message: string, at: number) => void,
): { text: string; end: number } {
  let text = '';
  let i = start + 1;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '"') return { text, end: i + 1 };
    if (c === '\n') break;
    if (c !== '\\') {
      text += c;
      i += 1;
      continue;
    }
    const next = source[i + 1] ?? '';
    if (next in ESCAPES) {
      text += ESCAPES[next];
      i += 2;
    } else if (next === 'u' || next === 'x' || next === 'U') {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = source.slice(i + 2, i + 2 + width);
      if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === width) {
        text += String.fromCodePoint(Number.parseInt(hex, 16));
        i += 2 + width;
      } else {
        fail(`invalid \\${next} escape in a string`, i);
        i += 2;
      }
    } else {
      fail(`invalid escape "\\${next}" in a string`, i);
      i += 2;
    }
  }
  fail('unterminated string: a string ends with " on the same line', start);
  // A backslash at the very end of the file must not step past it.
  return { text, end: Math.min(i, source.length) };
}
