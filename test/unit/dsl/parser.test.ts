import { describe, expect, it } from 'vitest';
import type { BoolExpr } from '../../../src-main/core/dsl/syntax/ast';
import { lex } from '../../../src-main/core/dsl/syntax/lexer';
import { parseDsl } from '../../../src-main/core/dsl/syntax/parser';

const where = (source: string) =>
  parseDsl(source, 'p.dsl').diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);

/** A WHEN expression as a compact string: shows how it grouped. */
function shape(expr: BoolExpr): string {
  switch (expr.kind) {
    case 'ref':
      return `${expr.type.value}:${expr.name.value}`;
    case 'not':
      return `!${shape(expr.operand)}`;
    case 'paren':
      return shape(expr.inner);
    default:
      return `${expr.kind}(${expr.operands.map(shape).join(',')})`;
  }
}

function when(text: string): string {
  const { program, diagnostics } = parseDsl(`ROUTE r { PRIORITY 1 WHEN ${text} MODEL m }`);
  expect(diagnostics).toEqual([]);
  const route = program.items[0];
  if (route?.kind !== 'route' || !route.when) throw new Error('no WHEN parsed');
  return shape(route.when);
}

describe('lexer', () => {
  it('reads identifiers with - . /, signed numbers, escapes and both arrows', () => {
    const { tokens, diagnostics } = lex('qwen/qwen3.5-rocm -0.26 +3 "a\\"b\\u00e9" -> → # note');
    expect(diagnostics).toEqual([]);
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['ident', 'qwen/qwen3.5-rocm'],
      ['float', '-0.26'],
      ['int', '+3'],
      ['string', 'a"bé'],
      ['arrow', '->'],
      ['arrow', '→'],
      ['eof', ''],
    ]);
  });

  it('refuses a lone sign, an unterminated string and a stray character, each located', () => {
    const { diagnostics } = lex('a - b\n"open\n  @');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '1:3 a lone "-" (a sign must be followed by digits)',
      '2:1 unterminated string: a string ends with " on the same line',
      '3:3 unexpected character "@"',
    ]);
  });
});

describe('boolean expressions', () => {
  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(when('keyword(a) OR keyword(b) AND NOT keyword(c)')).toBe(
      'or(keyword:a,and(keyword:b,!keyword:c))',
    );
    expect(when('NOT keyword(a) AND keyword(b)')).toBe('and(!keyword:a,keyword:b)');
    expect(when('NOT (keyword(a) AND keyword(b))')).toBe('!and(keyword:a,keyword:b)');
    expect(when('(keyword(a) OR keyword(b)) AND keyword(c)')).toBe(
      'and(or(keyword:a,keyword:b),keyword:c)',
    );
  });

  it('reads leaf fields and level suffixes', () => {
    const { program } = parseDsl(
      'ROUTE r { WHEN domain("math", label: "x") AND complexity("code:hard") MODEL m }',
    );
    const route = program.items[0];
    expect(route?.kind).toBe('route');
    if (route?.kind !== 'route' || route.when?.kind !== 'and') throw new Error('shape');
    const [first, second] = route.when.operands;
    expect(first?.kind === 'ref' && first.fields.map((f) => f.key)).toEqual(['label']);
    expect(second?.kind === 'ref' && second.name.value).toBe('code:hard');
  });
});

describe('declarations', () => {
  it('parses every block kind', () => {
    const { program, diagnostics } = parseDsl(`
ROUTING { strategy: priority }
SIGNAL keyword k { operator: "OR" keywords: ["a", "b",] }
PROJECTION score s { inputs: [{ type: "keyword", name: "k", weight: 1 }] }
MODEL "local/m" { modality: "text" }
PLUGIN replay router_replay { enabled: true }
ENTRYPOINT { model_names: ["vllm-sr/x"] recipe: "r" }
ROUTE a (description = "d") {
  PRIORITY 10
  TIER 2
  WHEN keyword("k")
  MODEL "local/m" (reasoning = true, effort = "high"), other (weight = 2),
  ALGORITHM confidence { threshold: 0.5 }
  PLUGIN replay { max_records: 5 }
  FOR c IN decision.candidates { MODEL c }
  EMIT retention { drop: true }
}
DECISION_TREE t {
  IF keyword("k") { NAME first MODEL m }
  ELSE IF keyword("j") { MODEL m }
  ELSE { MODEL m }
}
RECIPE r (description = "x" strategy = confidence) { SIGNAL pii p { threshold: 0.8 } ROUTE z { MODEL m } }
TEST t { "hello" -> a  "bye" → z }
`);
    expect(diagnostics).toEqual([]);
    expect(program.items.map((d) => d.kind)).toEqual([
      'routing',
      'signal',
      'projection',
      'model',
      'plugin',
      'entrypoint',
      'route',
      'decision_tree',
      'recipe',
      'test',
    ]);
    const route = program.items[6];
    if (route?.kind !== 'route') throw new Error('shape');
    expect(route.models.flat().map((m) => m.name.value)).toEqual(['local/m', 'other']);
    expect(route.fors[0]?.variable.value).toBe('c');
    expect(route.emits[0]?.kind.value).toBe('retention');
  });

  it('gives every node a file-absolute range', () => {
    const { program } = parseDsl('\n\nSIGNAL keyword   spaced { keywords: ["a"] }');
    const signal = program.items[0];
    if (signal?.kind !== 'signal') throw new Error('shape');
    expect(signal.name.range.start).toMatchObject({ line: 3, column: 18 });
    expect(signal.range.end).toMatchObject({ line: 3, column: 44 });
  });
});

describe('error recovery', () => {
  it('reports every error in one pass, each at its own line and column', () => {
    const source = [
      'SIGNAL keyword a { operator: "OR" keywords: ["x", }', // 1: bad value
      'ROUTE r {',
      '  PRIORTY 10', // 3: misspelled item
      '  WHEN keyword("a") AND', // 4-5: dangling AND
      '  MODEL "m"',
      '}',
      'SIGNL keyword b { keywords: ["y"] }', // 7: misspelled block
      'ROUTE s { PRIORITY 5 MODEL "m" }',
      'ROUTE t { PRIORITY x MODEL "m" }', // 9: not a number
    ].join('\n');
    expect(where(source)).toEqual([
      '1:51 expected a value, found "}"',
      '3:3 expected a route item (PRIORITY, TIER, WHEN, MODEL, ALGORITHM, PLUGIN, DESCRIPTION, FOR, EMIT), found "PRIORTY"; did you mean "PRIORITY"?',
      '5:3 the condition is incomplete: expected a signal reference such as keyword("name") before MODEL',
      '7:1 expected a declaration (ROUTING, ENTRYPOINT, RECIPE, SIGNAL, PROJECTION, ROUTE, DECISION_TREE, MODEL, PLUGIN, TEST), found "SIGNL"; did you mean "SIGNAL"?',
      '9:20 PRIORITY takes a whole number, found "x"',
    ]);
    // The good declarations around the errors are all kept.
    const { program } = parseDsl(source);
    expect(program.items.map((d) => d.kind === 'route' && d.name.value).filter(Boolean)).toEqual([
      'r',
      's',
      't',
    ]);
  });

  it('offers the did-you-mean as a fix that replaces the word', () => {
    const [diagnostic] = parseDsl('ROUTE r {\n  PRIORTY 10\n}').diagnostics;
    expect(diagnostic).toMatchObject({
      line: 2,
      column: 3,
      endLine: 2,
      endColumn: 10,
      fix: { newText: 'PRIORITY' },
    });
  });

  it('keeps positions file-absolute after a missing closing brace', () => {
    const diagnostics = where('ROUTE a {\n  PRIORITY 1\n\nROUTE b { PRIORITY oops }\n');
    expect(diagnostics).toEqual([
      '4:1 expected "}" to close the route, found "ROUTE"',
      '4:20 PRIORITY takes a whole number, found "oops"',
    ]);
  });

  it('points an error at the end of the file at the last token', () => {
    expect(where('ROUTE a {\n  PRIORITY 1')).toEqual([
      '2:13 expected "}" to close the route, found the end of the file',
    ]);
  });

  it('refuses a second WHEN in one route instead of dropping the first', () => {
    expect(where('ROUTE a {\n  WHEN keyword(x)\n  MODEL m\n  WHEN keyword(y)\n}')).toEqual([
      '4:3 a second WHEN in one route: join the conditions with AND or OR',
    ]);
  });

  it('says a decision tree needs its ELSE', () => {
    expect(where('DECISION_TREE t { IF keyword("a") { MODEL m } }')).toEqual([
      '1:47 a decision tree ends with an ELSE branch',
    ]);
  });
});
