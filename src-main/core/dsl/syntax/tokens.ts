// The DSL's tokens (reference: upstream DSL §2). Positions are file-absolute:
// `offset` counts UTF-16 code units from the start, `line`/`column` are 1-based.

export interface Position {
  offset: number;
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type TokenKind =
  'ident' | 'string' | 'int' | 'float' | 'arrow' | 'punct' | 'comment' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  /** Strings: the decoded value; numbers and the rest: the text. */
  value: string;
  range: Range;
}

/** The single characters that are tokens of their own. */
export const PUNCTUATION = new Set(['{', '}', '(', ')', '[', ']', ':', ',', '>', '=']);

/** Block keywords that may start a top-level declaration. */
export const TOP_KEYWORDS = new Set([
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
]);

/** Keywords that start an item inside a ROUTE (or a DECISION_TREE branch). */
export const ROUTE_KEYWORDS = new Set([
  'PRIORITY',
  'TIER',
  'WHEN',
  'MODEL',
  'ALGORITHM',
  'PLUGIN',
  'DESCRIPTION',
  'FOR',
  'EMIT',
  'NAME',
]);

export const BOOLEAN_KEYWORDS = new Set(['AND', 'OR', 'NOT']);

/** Every word the parser reads as a keyword or a literal: a bare name must not be one. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  ...TOP_KEYWORDS,
  ...ROUTE_KEYWORDS,
  ...BOOLEAN_KEYWORDS,
  'IN',
  'IF',
  'ELSE',
  'true',
  'false',
]);
