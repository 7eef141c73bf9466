// A rough reading of the DSL text before the cursor, enough to tell what the
// word being typed is: which blocks enclose it, whether it is inside a WHEN
// (or IF) condition, and what came just before it. It tolerates anything
// half-written; the real checking is the core's (policy.check).

export interface ScanToken {
  kind: 'word' | 'string' | 'number' | 'punct';
  text: string;
  from: number;
  to: number;
  /** 0-based line of the token's start. */
  line: number;
  /** Strings only: false when the text ends inside it. */
  closed?: boolean;
}

const WORD = /[A-Za-z_][A-Za-z0-9_\-./]*/y;
const NUMBER = /[+-]?\d+(\.\d+)?/y;

/** Tokens of `text`, comments and blanks dropped. A string ends at its line's end. */
export function scanTokens(text: string): ScanToken[] {
  const tokens: ScanToken[] = [];
  let line = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n') line += 1;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i += 1;
      continue;
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      tokens.push({
        kind: 'string',
        text: text.slice(i, end.to),
        from: i,
        to: end.to,
        line,
        closed: end.closed,
      });
      i = end.to;
      continue;
    }
    const match = matchAt(NUMBER, text, i) ?? matchAt(WORD, text, i);
    if (match) {
      const kind = /^[A-Za-z_]/.test(match) ? 'word' : 'number';
      tokens.push({ kind, text: match, from: i, to: i + match.length, line });
      i += match.length;
      continue;
    }
    tokens.push({ kind: 'punct', text: c, from: i, to: i + 1, line });
    i += 1;
  }
  return tokens;
}

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

function stringEnd(text: string, from: number): { to: number; closed: boolean } {
  let i = from + 1;
  while (i < text.length && text[i] !== '\n') {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '"') return { to: i + 1, closed: true };
    else i += 1;
  }
  return { to: Math.min(i, text.length), closed: false };
}

/** Words after which a `{` opens a block of that kind. */
const OPENERS = new Set([
  'ROUTING',
  'ENTRYPOINT',
  'RECIPE',
  'SIGNAL',
  'PROJECTION',
  'ROUTE',
  'DECISION_TREE',
  'MODEL',
  'PLUGIN',
  'TEST',
  'ALGORITHM',
  'FOR',
  'EMIT',
  'IF',
  'ELSE',
]);

/**
 * The kinds of the blocks open at the end of `tokens`, outermost first: the
 * keyword that opened each (`ROUTE`, `IF`, `FOR`, …), or `{}` for a value.
 */
export function openBlocks(tokens: readonly ScanToken[]): string[] {
  const stack: string[] = [];
  let opener: string | undefined;
  for (const token of tokens) {
    if (token.kind === 'word' && OPENERS.has(token.text)) opener = token.text;
    if (token.kind !== 'punct') continue;
    if (token.text === '{') {
      stack.push(opener ?? '{}');
      opener = undefined;
    } else if (token.text === '}') {
      stack.pop();
      opener = undefined;
    }
  }
  return stack;
}

/** Words that end a condition: the next route item or a new block. */
const CONDITION_ENDS = new Set([...OPENERS, 'PRIORITY', 'TIER', 'DESCRIPTION', 'NAME']);

/** True when the end of `tokens` is inside a WHEN or IF condition. */
export function inCondition(tokens: readonly ScanToken[]): boolean {
  let depth = 0;
  for (let i = tokens.length - 1; i >= 0; i -= 1) {
    const token = tokens[i] as ScanToken;
    if (token.kind === 'punct') {
      if (token.text === ')') depth += 1;
      else if (token.text === '(' && depth > 0) depth -= 1;
      else if ((token.text === '{' || token.text === '}') && depth === 0) return false;
      continue;
    }
    if (token.kind !== 'word' || depth > 0) continue;
    if (token.text === 'WHEN' || token.text === 'IF') return true;
    if (CONDITION_ENDS.has(token.text)) return false;
  }
  return false;
}
