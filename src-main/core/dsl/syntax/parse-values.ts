import type { Field, Name, Value } from './ast';
import type { Cursor } from './cursor';
import { SyntaxProblem } from './cursor';
import { TOP_KEYWORDS } from './tokens';

// Field lists and values: `key: value` pairs (commas between them optional),
// strings, numbers, true/false, bare identifiers, lists and inline objects.

/** The deepest nesting of lists and objects a value may have; deeper input is refused, not recursed into. */
const MAX_DEPTH = 64;

export function parseName(cursor: Cursor, what: string): Name {
  const token = cursor.token;
  if (token.kind === 'string' || token.kind === 'ident') {
    cursor.next();
    return { value: token.value, range: token.range, quoted: token.kind === 'string' };
  }
  throw cursor.problem(
    `expected ${what} (a name or a quoted string), found ${describeToken(cursor)}`,
  );
}

function describeToken(cursor: Cursor): string {
  const t = cursor.token;
  return t.kind === 'eof' ? 'the end of the file' : `"${t.text}"`;
}

/**
 * Fields up to (not including) `close`. A broken field is reported and
 * skipped to the next `key:` so one typo does not hide the rest.
 */
export function parseFields(cursor: Cursor, close: string, depth = 0): Field[] {
  const fields: Field[] = [];
  while (!cursor.atEnd() && !cursor.is(close) && !cursor.atLineStartKeyword(TOP_KEYWORDS)) {
    const before = cursor.mark();
    try {
      cursor.accept(',');
      if (cursor.is(close)) break;
      fields.push(parseField(cursor, depth));
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      cursor.report(error);
      cursor.skipUntil((t) => t.kind === 'ident' && cursor.peek().text === ':', TOP_KEYWORDS);
      if (cursor.mark() === before) cursor.next();
    }
  }
  return fields;
}

function parseField(cursor: Cursor, depth: number): Field {
  const key = cursor.token;
  if (key.kind !== 'ident')
    throw cursor.problem(`expected a field name (name: value), found ${describeToken(cursor)}`);
  cursor.next();
  cursor.expect(':', `":" after the field name "${key.text}"`);
  const value = parseValue(cursor, depth);
  return { key: key.text, keyRange: key.range, value, range: cursor.rangeFrom(key) };
}

export function parseValue(cursor: Cursor, depth = 0): Value {
  const token = cursor.token;
  if (depth > MAX_DEPTH) throw cursor.problem(`values nest deeper than ${MAX_DEPTH} levels`);
  switch (token.kind) {
    case 'string':
      cursor.next();
      return { kind: 'string', value: token.value, range: token.range };
    case 'int':
    case 'float': {
      cursor.next();
      const value = Number(token.text);
      if (!Number.isFinite(value))
        throw cursor.problem(`number out of range: ${token.text}`, token);
      return { kind: 'number', value, text: token.text, range: token.range };
    }
    case 'ident':
      cursor.next();
      if (token.text === 'true' || token.text === 'false')
        return { kind: 'bool', value: token.text === 'true', range: token.range };
      return { kind: 'ident', value: token.text, range: token.range };
    case 'punct':
      if (token.text === '[') {
        cursor.next();
        const items: Value[] = [];
        while (!cursor.is(']')) {
          if (cursor.atEnd()) throw cursor.problem('expected "]" to close the list');
          items.push(parseValue(cursor, depth + 1));
          if (!cursor.accept(',') && !cursor.is(']'))
            throw cursor.problem(`expected "," or "]" in a list, found ${describeToken(cursor)}`);
        }
        cursor.next();
        return { kind: 'list', items, range: cursor.rangeFrom(token) };
      }
      if (token.text === '{') {
        cursor.next();
        const fields = parseFields(cursor, '}', depth + 1);
        cursor.expect('}', '"}" to close the object');
        return { kind: 'object', fields, range: cursor.rangeFrom(token) };
      }
      break;
    default:
      break;
  }
  throw cursor.problem(`expected a value, found ${describeToken(cursor)}`);
}
