import type { Diagnostic } from '../../config/diagnostics';
import type { Declaration, DecisionTreeDecl, Program, TestDecl, TreeBranch } from './ast';
import { Cursor, SyntaxProblem } from './cursor';
import { lex } from './lexer';
import { emptyBody, parseHeaderOptions, parseRouteItems } from './parse-route';
import { parseBoolExpr } from './parse-expr';
import { parseFields, parseName } from './parse-values';
import type { Token } from './tokens';
import { TOP_KEYWORDS } from './tokens';

// DSL text → syntax tree. Never throws on bad input: every problem becomes a
// located diagnostic, and the parser resumes at the next declaration (or the
// next field or route item), so one pass reports every error in the file.

export interface ParseResult {
  program: Program;
  diagnostics: Diagnostic[];
  comments: Token[];
}

const RECIPE_ITEMS = new Set(
  [...TOP_KEYWORDS].filter((k) => k !== 'RECIPE' && k !== 'MODEL' && k !== 'ENTRYPOINT'),
);

export function parseDsl(source: string, file = '<dsl>'): ParseResult {
  const lexed = lex(source, file);
  const cursor = new Cursor(lexed.tokens, file);
  const first = cursor.token;
  const items = parseDeclarations(cursor, TOP_KEYWORDS, false);
  const program: Program = {
    items,
    range: { start: first.range.start, end: cursor.token.range.end },
  };
  const diagnostics = [...lexed.diagnostics, ...cursor.diagnostics].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  return { program, diagnostics, comments: lexed.comments };
}

function parseDeclarations(
  cursor: Cursor,
  allowed: ReadonlySet<string>,
  nested: boolean,
): Declaration[] {
  const items: Declaration[] = [];
  while (!cursor.atEnd() && !(nested && cursor.is('}'))) {
    const before = cursor.mark();
    try {
      items.push(parseDeclaration(cursor, allowed));
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      cursor.report(error);
      cursor.skipUntil((t) => t.kind === 'ident' && allowed.has(t.text), TOP_KEYWORDS);
      // A stray closing bracket at this level is skipped too.
      if (
        cursor.mark() === before ||
        (!nested && /^[)}\]]$/.test(cursor.token.text) && cursor.token.kind === 'punct')
      )
        cursor.next();
    }
  }
  return items;
}

function parseDeclaration(cursor: Cursor, allowed: ReadonlySet<string>): Declaration {
  const start = cursor.token;
  if (start.kind !== 'ident' || !allowed.has(start.text)) {
    const what = [...allowed].join(', ');
    throw cursor.problem(
      `expected a declaration (${what}), found ${start.kind === 'eof' ? 'the end of the file' : `"${start.text}"`}`,
      start,
      allowed,
    );
  }
  cursor.next();
  switch (start.text) {
    case 'SIGNAL': {
      const type = parseName(cursor, 'the signal type (keyword, embedding, domain, …)');
      const name = parseName(cursor, 'the signal name');
      const fields = block(cursor);
      return { kind: 'signal', type, name, fields, range: cursor.rangeFrom(start) };
    }
    case 'PROJECTION': {
      const projection = parseName(cursor, 'the projection kind (partition, score or mapping)');
      const name = parseName(cursor, 'the projection name');
      const fields = block(cursor);
      return { kind: 'projection', projection, name, fields, range: cursor.rangeFrom(start) };
    }
    case 'MODEL': {
      const name = parseName(cursor, 'the model name');
      return { kind: 'model', name, fields: block(cursor), range: cursor.rangeFrom(start) };
    }
    case 'PLUGIN': {
      const name = parseName(cursor, 'the plugin template name');
      const pluginType = parseName(cursor, 'the plugin type');
      return {
        kind: 'plugin',
        name,
        pluginType,
        fields: block(cursor),
        range: cursor.rangeFrom(start),
      };
    }
    case 'ROUTING':
      return { kind: 'routing', fields: block(cursor), range: cursor.rangeFrom(start) };
    case 'ENTRYPOINT':
      return { kind: 'entrypoint', fields: block(cursor), range: cursor.rangeFrom(start) };
    case 'ROUTE': {
      const name = parseName(cursor, 'the route name');
      const options = parseHeaderOptions(cursor);
      cursor.expect('{', '"{" to open the route');
      const body = emptyBody();
      parseRouteItems(cursor, body, false);
      cursor.expect('}', '"}" to close the route');
      return { kind: 'route', name, options, ...body, range: cursor.rangeFrom(start) };
    }
    case 'DECISION_TREE':
      return parseDecisionTree(cursor, start);
    case 'TEST':
      return parseTest(cursor, start);
    case 'RECIPE': {
      const name = parseName(cursor, 'the recipe name');
      const options = parseHeaderOptions(cursor);
      cursor.expect('{', '"{" to open the recipe');
      const items = parseDeclarations(cursor, RECIPE_ITEMS, true);
      cursor.expect('}', '"}" to close the recipe');
      return { kind: 'recipe', name, options, items, range: cursor.rangeFrom(start) };
    }
  }
  throw cursor.problem(`unexpected "${start.text}"`, start);
}

function block(cursor: Cursor) {
  cursor.expect('{', '"{" to open the block');
  const fields = parseFields(cursor, '}');
  cursor.expect('}', '"}" to close the block');
  return fields;
}

function parseDecisionTree(cursor: Cursor, start: Token): DecisionTreeDecl {
  const name = parseName(cursor, 'the decision tree name');
  cursor.expect('{', '"{" to open the decision tree');
  const branches: TreeBranch[] = [];
  let sawElse = false;
  while (!cursor.is('}')) {
    const at = cursor.token;
    let condition;
    if (cursor.accept('IF')) {
      if (branches.length > 0) throw cursor.problem('a second IF: write ELSE IF', at);
      condition = parseBoolExpr(cursor);
    } else if (cursor.accept('ELSE')) {
      if (branches.length === 0) throw cursor.problem('ELSE before IF', at);
      if (cursor.accept('IF')) condition = parseBoolExpr(cursor);
      else sawElse = true;
    } else {
      throw cursor.problem(
        branches.length === 0 ? 'a decision tree starts with IF' : 'expected ELSE IF, ELSE or "}"',
        at,
        ['IF', 'ELSE'],
      );
    }
    cursor.expect('{', '"{" to open the branch');
    const body = emptyBody();
    parseRouteItems(cursor, body, true);
    cursor.expect('}', '"}" to close the branch');
    branches.push({ ...body, ...(condition ? { condition } : {}), range: cursor.rangeFrom(at) });
    if (sawElse) break;
  }
  if (!sawElse) throw cursor.problem('a decision tree ends with an ELSE branch');
  cursor.expect('}', '"}" to close the decision tree (nothing may follow ELSE)');
  return { kind: 'decision_tree', name, branches, range: cursor.rangeFrom(start) };
}

function parseTest(cursor: Cursor, start: Token): TestDecl {
  const name = parseName(cursor, 'the test name');
  cursor.expect('{', '"{" to open the test');
  const entries: TestDecl['entries'] = [];
  while (!cursor.is('}')) {
    const query = cursor.expectKind('string', 'a quoted query');
    cursor.expectKind('arrow', '"->" between the query and the route');
    const route = parseName(cursor, 'the expected route');
    entries.push({
      query: { value: query.value, range: query.range },
      route,
      range: cursor.rangeFrom(query),
    });
  }
  cursor.next();
  return { kind: 'test', name, entries, range: cursor.rangeFrom(start) };
}
