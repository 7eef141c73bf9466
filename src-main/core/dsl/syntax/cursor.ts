import type { Diagnostic } from '../../config/diagnostics';
import { DSL_PATH } from '../../config/diagnostics';
import { closest } from '../../config/validate/models';
import type { Range, Token } from './tokens';

// A position in the token list with the parser's error handling: the first
// problem inside an item throws a SyntaxProblem, the item's parser catches it,
// records one located diagnostic and skips to a point where parsing can go on.

export class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly token: Token,
    readonly fix?: { description: string; newText: string },
  ) {
    super(message);
  }
}

export class Cursor {
  private index = 0;
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly tokens: readonly Token[],
    readonly file: string,
  ) {}

  get token(): Token {
    return this.tokens[this.index] as Token;
  }

  peek(ahead = 1): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)] as Token;
  }

  /** The last token consumed (for the end of a node's range). */
  get previous(): Token {
    return this.tokens[Math.max(0, this.index - 1)] as Token;
  }

  atEnd(): boolean {
    return this.token.kind === 'eof';
  }

  /**
   * A top-level keyword at the start of a line: a block body stops here, so a
   * missing "}" is reported once and the next declaration still parses.
   */
  atLineStartKeyword(keywords: ReadonlySet<string>): boolean {
    const t = this.token;
    return t.kind === 'ident' && t.range.start.column === 1 && keywords.has(t.text);
  }

  next(): Token {
    const token = this.token;
    if (token.kind !== 'eof') this.index += 1;
    return token;
  }

  is(text: string): boolean {
    const t = this.token;
    return (t.kind === 'punct' || t.kind === 'ident') && t.text === text;
  }

  accept(text: string): Token | undefined {
    return this.is(text) ? this.next() : undefined;
  }

  expect(text: string, what = `"${text}"`): Token {
    if (this.is(text)) return this.next();
    throw this.problem(`expected ${what}, found ${shown(this.token)}`);
  }

  expectKind(kind: Token['kind'], what: string): Token {
    if (this.token.kind === kind) return this.next();
    throw this.problem(`expected ${what}, found ${shown(this.token)}`);
  }

  problem(message: string, token = this.token, known?: Iterable<string>): SyntaxProblem {
    const best = known && token.kind === 'ident' ? closest(token.text, known) : undefined;
    return new SyntaxProblem(
      best ? `${message}; did you mean "${best}"?` : message,
      token,
      best ? { description: `Replace with ${best}`, newText: best } : undefined,
    );
  }

  report(problem: SyntaxProblem, code = 'syntax_error'): void {
    const { start, end } = problem.token.range;
    // An error at the end of the file points at the last real token instead.
    const at = problem.token.kind === 'eof' ? this.previous.range.end : start;
    this.diagnostics.push({
      severity: 'error',
      code,
      message: problem.message,
      file: this.file,
      line: at.line,
      column: at.column,
      endLine: problem.token.kind === 'eof' ? at.line : end.line,
      endColumn: problem.token.kind === 'eof' ? at.column : end.column,
      path: DSL_PATH,
      ...(problem.fix ? { fix: problem.fix } : {}),
    });
  }

  rangeFrom(start: Token): Range {
    return { start: start.range.start, end: this.previous.range.end };
  }

  /** Where the cursor is, to tell whether a failed item consumed anything. */
  mark(): number {
    return this.index;
  }

  /**
   * Skips forward to a place where parsing can resume: a token `stop`
   * accepts or the `close` bracket of the enclosing block, both outside any
   * nested brackets (stray closers are skipped), or a
   * top-level keyword at the start of a line (a missing "}" above it must not
   * swallow the rest of the file). The stop token is not consumed; a caller
   * that made no progress at all consumes one token itself.
   */
  skipUntil(stop: (token: Token) => boolean, topKeywords: ReadonlySet<string>, close = '}'): void {
    let depth = 0;
    while (!this.atEnd()) {
      const t = this.token;
      const opener = t.kind === 'punct' && (t.text === '{' || t.text === '(' || t.text === '[');
      const closer = t.kind === 'punct' && (t.text === '}' || t.text === ')' || t.text === ']');
      if (depth === 0 && (stop(t) || (closer && t.text === close))) return;
      if (t.kind === 'ident' && t.range.start.column === 1 && topKeywords.has(t.text)) return;
      if (opener) depth += 1;
      if (closer && depth > 0) depth -= 1;
      this.next();
    }
  }
}

export function shown(token: Token): string {
  if (token.kind === 'eof') return 'the end of the file';
  if (token.kind === 'string')
    return `the string ${token.text.length > 40 ? `${token.text.slice(0, 37)}…"` : token.text}`;
  return `"${token.text}"`;
}
