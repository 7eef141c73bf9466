import { HighlightStyle, StreamLanguage } from '@codemirror/language';
import type { StringStream } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { BLOCK_KEYWORDS, OPERATOR_KEYWORDS, ROUTE_KEYWORDS } from './dsl-words';

// Highlighting for the routing DSL: a line-by-line tokenizer (strings never
// span lines in the DSL, so the only state is "inside a string"). Token names
// are @lezer/highlight tag names; the style below colours them with the
// theme's CSS variables, so light and dark follow the app's theme.

export interface DslTokenState {
  inString: boolean;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_\-./]*/;
const NUMBER = /^[+-]?\d+(\.\d+)?/;
const SIMPLE_ESCAPES = 'ntr"\\/abfv\'';
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };
const PUNCTUATION: Record<string, string> = {
  '{': 'brace',
  '}': 'brace',
  '[': 'squareBracket',
  ']': 'squareBracket',
  '(': 'paren',
  ')': 'paren',
  ':': 'punctuation',
  ',': 'punctuation',
  '=': 'operator',
  '>': 'operator',
};

/** One token of DSL text: advances `stream` and names the token's highlight tag. */
export function dslToken(stream: StringStream, state: DslTokenState): string | null {
  // A string left open at a line's end ended there (the DSL's rule).
  if (stream.sol()) state.inString = false;
  if (state.inString) return stringPart(stream, state);
  if (stream.eatSpace()) return null;
  if (stream.peek() === '#') {
    stream.skipToEnd();
    return 'lineComment';
  }
  if (stream.eat('"')) {
    state.inString = true;
    return stringPart(stream, state);
  }
  if (stream.match('->') || stream.eat('→')) return 'operator';
  if (stream.match(NUMBER)) return 'number';
  const word = stream.match(IDENT);
  if (word && typeof word !== 'boolean') return wordTag(word[0], stream);
  const char = stream.next() ?? '';
  return PUNCTUATION[char] ?? 'invalid';
}

function wordTag(word: string, stream: StringStream): string {
  if (BLOCK_KEYWORDS.has(word)) return 'keyword';
  if (ROUTE_KEYWORDS.has(word)) return 'controlKeyword';
  if (OPERATOR_KEYWORDS.has(word)) return 'operatorKeyword';
  if (word === 'true' || word === 'false') return 'bool';
  // `type(` is a signal reference; `key:` is a field.
  if (stream.peek() === '(') return 'variableName.function';
  if (stream.match(/^\s*:/, false)) return 'propertyName';
  return 'variableName';
}

/** The rest of a string up to its closing quote, or the next escape, or the line's end. */
function stringPart(stream: StringStream, state: DslTokenState): string {
  if (stream.peek() === '\\') return escape(stream);
  while (!stream.eol()) {
    if (stream.peek() === '\\') return 'string';
    if (stream.next() === '"') {
      state.inString = false;
      return 'string';
    }
  }
  state.inString = false;
  return 'string';
}

function escape(stream: StringStream): string {
  stream.next();
  const kind = stream.next() ?? '';
  if (SIMPLE_ESCAPES.includes(kind) && kind !== '') return 'escape';
  const width = HEX_ESCAPES[kind];
  if (width !== undefined) {
    const digits = stream.match(new RegExp(`^[0-9a-fA-F]{${width}}`));
    if (digits) return 'escape';
  }
  return 'invalid';
}

export const dslLanguage = StreamLanguage.define<DslTokenState>({
  name: 'homelane-dsl',
  startState: () => ({ inString: false }),
  copyState: (state) => ({ ...state }),
  token: dslToken,
  languageData: { commentTokens: { line: '#' } },
});

export const dslHighlightStyle = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--accent-strong)', fontWeight: '700' },
  { tag: tags.controlKeyword, color: 'var(--accent)', fontWeight: '600' },
  { tag: tags.operatorKeyword, color: 'var(--error)', fontWeight: '600' },
  { tag: tags.string, color: 'var(--ok)' },
  { tag: tags.escape, color: 'var(--warn)', fontWeight: '600' },
  { tag: [tags.number, tags.bool], color: 'var(--warn)' },
  { tag: tags.lineComment, color: 'var(--text-faint)', fontStyle: 'italic' },
  { tag: tags.propertyName, color: 'var(--text-muted)' },
  { tag: tags.function(tags.variableName), color: 'var(--accent)', fontStyle: 'italic' },
  {
    tag: [tags.brace, tags.squareBracket, tags.paren, tags.punctuation],
    color: 'var(--text-faint)',
  },
  { tag: tags.operator, color: 'var(--text-muted)' },
  { tag: tags.invalid, color: 'var(--error)', textDecoration: 'underline wavy' },
]);
