import type { CandidateForNode, Field, ModelRefNode, RouteBody } from './ast';
import type { Cursor } from './cursor';
import { SyntaxProblem } from './cursor';
import { parseBoolExpr } from './parse-expr';
import { parseFields, parseName, parseValue } from './parse-values';
import { ROUTE_KEYWORDS, TOP_KEYWORDS } from './tokens';

// The items of a ROUTE body (and of a DECISION_TREE branch): PRIORITY, TIER,
// WHEN, MODEL, ALGORITHM, PLUGIN, DESCRIPTION, FOR, EMIT (and NAME in trees).
// A broken item is reported and skipped to the next item keyword.

export function emptyBody(): RouteBody {
  return { models: [], plugins: [], fors: [], emits: [] };
}

/** Parses items until the closing "}" (not consumed). */
export function parseRouteItems(cursor: Cursor, body: RouteBody, inTree: boolean): void {
  const keywords = inTree
    ? ROUTE_KEYWORDS
    : new Set([...ROUTE_KEYWORDS].filter((k) => k !== 'NAME'));
  while (!cursor.atEnd() && !cursor.is('}') && !cursor.atLineStartKeyword(TOP_KEYWORDS)) {
    const before = cursor.mark();
    try {
      parseRouteItem(cursor, body, keywords);
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      cursor.report(error);
      cursor.skipUntil((t) => t.kind === 'ident' && keywords.has(t.text), TOP_KEYWORDS);
      if (cursor.mark() === before) cursor.next();
    }
  }
}

function parseRouteItem(cursor: Cursor, body: RouteBody, keywords: ReadonlySet<string>): void {
  const token = cursor.token;
  if (token.kind !== 'ident' || !keywords.has(token.text))
    throw cursor.problem(
      `expected a route item (${[...keywords].join(', ')}), found ${token.kind === 'eof' ? 'the end of the file' : `"${token.text}"`}`,
      token,
      keywords,
    );
  cursor.next();
  if (SINGLE_ITEMS.has(token.text) && seen(body, token.text))
    cursor.report(
      new SyntaxProblem(
        token.text === 'WHEN'
          ? 'a second WHEN in one route: join the conditions with AND or OR'
          : `a second ${token.text} in one route; the last one counts`,
        token,
      ),
      'duplicate_item',
    );
  switch (token.text) {
    case 'PRIORITY':
    case 'TIER': {
      const number = cursor.token;
      if (number.kind !== 'int')
        throw cursor.problem(`${token.text} takes a whole number, found "${number.text}"`);
      cursor.next();
      const entry = { value: Number(number.text), range: number.range };
      if (token.text === 'PRIORITY') body.priority = entry;
      else body.tier = entry;
      return;
    }
    case 'WHEN':
      body.when = parseBoolExpr(cursor);
      return;
    case 'MODEL':
      body.models.push(parseModelList(cursor, keywords));
      return;
    case 'ALGORITHM': {
      const type = parseName(cursor, 'the algorithm type');
      const fields = cursor.accept('{') ? closeFields(cursor) : [];
      body.algorithm = { type, fields, range: cursor.rangeFrom(token) };
      return;
    }
    case 'PLUGIN': {
      const name = parseName(cursor, 'a plugin name or type');
      const braces = cursor.is('{');
      const fields = cursor.accept('{') ? closeFields(cursor) : [];
      body.plugins.push({ name, fields, braces, range: cursor.rangeFrom(token) });
      return;
    }
    case 'DESCRIPTION': {
      const text = cursor.expectKind('string', 'a quoted description');
      body.description = { value: text.value, range: text.range };
      return;
    }
    case 'NAME':
      body.branchName = parseName(cursor, 'the branch name');
      return;
    case 'FOR':
      body.fors.push(parseFor(cursor, token, keywords));
      return;
    case 'EMIT': {
      const kind = parseName(cursor, 'the EMIT kind (retention)');
      cursor.expect('{', '"{" after the EMIT kind');
      body.emits.push({ kind, fields: closeFields(cursor), range: cursor.rangeFrom(token) });
      return;
    }
  }
}

/** Items a route holds at most once. */
const SINGLE_ITEMS = new Set(['PRIORITY', 'TIER', 'WHEN', 'ALGORITHM', 'DESCRIPTION', 'NAME']);

function seen(body: RouteBody, keyword: string): boolean {
  const slots: Record<string, unknown> = {
    PRIORITY: body.priority,
    TIER: body.tier,
    WHEN: body.when,
    ALGORITHM: body.algorithm,
    DESCRIPTION: body.description,
    NAME: body.branchName,
  };
  return slots[keyword] !== undefined;
}

function closeFields(cursor: Cursor): Field[] {
  const fields = parseFields(cursor, '}');
  cursor.expect('}', '"}" to close the block');
  return fields;
}

/** `"a" (reasoning = true, effort = "high"), b` — a trailing comma is allowed before the next item; a missing comma between options is tolerated. */
function parseModelList(cursor: Cursor, keywords: ReadonlySet<string>): ModelRefNode[] {
  const refs = [parseModelRef(cursor)];
  while (cursor.accept(',')) {
    const t = cursor.token;
    if (t.kind === 'eof' || cursor.is('}') || cursor.is(']')) break;
    if (t.kind === 'ident' && keywords.has(t.text)) break;
    refs.push(parseModelRef(cursor));
  }
  return refs;
}

function parseModelRef(cursor: Cursor): ModelRefNode {
  const start = cursor.token;
  const name = parseName(cursor, 'a model name');
  const options: Field[] = [];
  if (cursor.accept('(')) {
    while (!cursor.is(')')) {
      const key = cursor.expectKind('ident', 'a model option such as reasoning = true');
      cursor.expect('=', `"=" after the model option "${key.text}"`);
      const value = parseValue(cursor);
      options.push({ key: key.text, keyRange: key.range, value, range: cursor.rangeFrom(key) });
      cursor.accept(',');
    }
    cursor.next();
  }
  return { name, options, range: cursor.rangeFrom(start) };
}

function parseFor(
  cursor: Cursor,
  start: { range: CandidateForNode['range'] },
  keywords: ReadonlySet<string>,
): CandidateForNode {
  const variable = parseName(cursor, 'the loop variable');
  cursor.expect('IN', '"IN" after the loop variable');
  let source: CandidateForNode['source'];
  if (cursor.accept('[')) {
    source = cursor.is(']') ? [] : parseModelList(cursor, keywords);
    cursor.expect(']', '"]" to close the candidate list');
  } else {
    source = parseName(cursor, 'a candidate source (decision.candidates) or a [list]');
  }
  cursor.expect('{', '"{" to open the FOR body');
  const outputs: ModelRefNode[][] = [];
  while (!cursor.is('}')) {
    cursor.expect('MODEL', '"MODEL <variable>" in the FOR body');
    outputs.push(parseModelList(cursor, keywords));
  }
  cursor.next();
  return {
    variable,
    source,
    outputs,
    range: { start: start.range.start, end: cursor.previous.range.end },
  };
}

/** Header options `(description = "…" strategy = priority)`: whitespace separated (a comma is tolerated). */
export function parseHeaderOptions(cursor: Cursor): Field[] {
  const options: Field[] = [];
  if (!cursor.accept('(')) return options;
  while (!cursor.is(')')) {
    const key = cursor.expectKind('ident', 'an option such as description = "…"');
    cursor.expect('=', `"=" after the option "${key.text}"`);
    const value = parseValue(cursor);
    options.push({ key: key.text, keyRange: key.range, value, range: cursor.rangeFrom(key) });
    cursor.accept(',');
  }
  cursor.next();
  return options;
}
