import type { BoolExpr, Field } from './ast';
import type { Cursor } from './cursor';
import { parseFields, parseName } from './parse-values';
import type { Token } from './tokens';
import { ROUTE_KEYWORDS, TOP_KEYWORDS } from './tokens';

// WHEN expressions: NOT binds tightest, then AND, then OR; both binary
// operators are left-associative; parentheses group. A leaf is a signal
// reference `type("name")`, optionally with fields: `domain("math", label: "x")`.

const MAX_DEPTH = 200;

export function parseBoolExpr(cursor: Cursor, depth = 0): BoolExpr {
  const start = cursor.token;
  const first = parseAnd(cursor, depth);
  if (!cursor.is('OR')) return first;
  const operands = [first];
  while (cursor.accept('OR')) operands.push(parseAnd(cursor, depth));
  return { kind: 'or', operands, range: cursor.rangeFrom(start) };
}

function parseAnd(cursor: Cursor, depth: number): BoolExpr {
  const start = cursor.token;
  const first = parseFactor(cursor, depth);
  if (!cursor.is('AND')) return first;
  const operands = [first];
  while (cursor.accept('AND')) operands.push(parseFactor(cursor, depth));
  return { kind: 'and', operands, range: cursor.rangeFrom(start) };
}

function parseFactor(cursor: Cursor, depth: number): BoolExpr {
  const start = cursor.token;
  if (depth > MAX_DEPTH)
    throw cursor.problem(`the expression nests deeper than ${MAX_DEPTH} levels`);
  if (cursor.accept('NOT')) {
    const operand = parseFactor(cursor, depth + 1);
    return { kind: 'not', operand, range: cursor.rangeFrom(start) };
  }
  if (cursor.accept('(')) {
    const inner = parseBoolExpr(cursor, depth + 1);
    cursor.expect(')', '")" to close the group');
    return { kind: 'paren', inner, range: cursor.rangeFrom(start) };
  }
  return parseSignalRef(cursor, start);
}

function parseSignalRef(cursor: Cursor, start: Token): BoolExpr {
  if (start.kind === 'ident' && (ROUTE_KEYWORDS.has(start.text) || TOP_KEYWORDS.has(start.text)))
    throw cursor.problem(
      `the condition is incomplete: expected a signal reference such as keyword("name") before ${start.text}`,
    );
  if (start.kind !== 'ident')
    throw cursor.problem(
      `expected a signal reference such as keyword("name"), NOT or "(", found ${start.kind === 'eof' ? 'the end of the file' : `"${start.text}"`}`,
    );
  const type = parseName(cursor, 'a signal type');
  cursor.expect('(', `"(" after the signal type "${type.value}" (write ${type.value}("name"))`);
  const name = parseName(cursor, 'the signal name');
  const fields: Field[] = parseFields(cursor, ')');
  cursor.expect(')', '")" to close the signal reference');
  return { kind: 'ref', type, name, fields, range: cursor.rangeFrom(start) };
}
