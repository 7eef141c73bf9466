import { describe, expect, it } from 'vitest';
import type { RuleNode } from '../../../src-main/core/config/schema/common';
import { ConfigSchema } from '../../../src-main/core/config/schema/config';
import { decompileConfig } from '../../../src-main/core/dsl/decompile/decompile';
import { printWhen } from '../../../src-main/core/dsl/decompile/print-rules';

const leaf = (name: string, type = 'keyword'): RuleNode => ({ type, name });
const and = (...conditions: RuleNode[]): RuleNode => ({ operator: 'AND', conditions });
const or = (...conditions: RuleNode[]): RuleNode => ({ operator: 'OR', conditions });
const not = (...conditions: RuleNode[]): RuleNode => ({ operator: 'NOT', conditions });

const a = leaf('a');
const b = leaf('b');
const c = leaf('c');

describe('WHEN expressions', () => {
  it('joins AND children without parentheses', () => {
    expect(printWhen(and(a, b, c))).toBe('keyword("a") AND keyword("b") AND keyword("c")');
  });

  it('always parenthesises OR, even at the top', () => {
    expect(printWhen(or(a, b))).toBe('(keyword("a") OR keyword("b"))');
    expect(printWhen(and(or(a, b), c))).toBe('(keyword("a") OR keyword("b")) AND keyword("c")');
  });

  it('leaves AND chains bare inside an OR, where AND binds tighter', () => {
    expect(printWhen(or(and(a, b), c))).toBe('(keyword("a") AND keyword("b") OR keyword("c"))');
  });

  it('collapses one-child AND and OR to the child', () => {
    expect(printWhen(and(a))).toBe('keyword("a")');
    expect(printWhen(or(a))).toBe('keyword("a")');
    expect(printWhen(or(or(a)))).toBe('keyword("a")');
  });

  it('flattens nested groups of the same operator', () => {
    expect(printWhen(and(and(a, b), and(c)))).toBe(
      'keyword("a") AND keyword("b") AND keyword("c")',
    );
    expect(printWhen(or(a, or(b, or(c))))).toBe('(keyword("a") OR keyword("b") OR keyword("c"))');
  });

  it('prints NOT over a leaf or an OR group as upstream does', () => {
    expect(printWhen(and(a, not(b)))).toBe('keyword("a") AND NOT keyword("b")');
    expect(printWhen(not(or(a, b)))).toBe('NOT (keyword("a") OR keyword("b"))');
    expect(printWhen(not(not(a)))).toBe('NOT NOT keyword("a")');
  });

  it('parenthesises a NOT over an AND, which upstream prints as the wrong `NOT a AND b`', () => {
    expect(printWhen(not(and(a, b)))).toBe('NOT (keyword("a") AND keyword("b"))');
    expect(printWhen(and(c, not(and(a, b))))).toBe(
      'keyword("c") AND NOT (keyword("a") AND keyword("b"))',
    );
    // A one-child OR around an AND prints bare, so the NOT still needs the parentheses.
    expect(printWhen(not(or(and(a, b))))).toBe('NOT (keyword("a") AND keyword("b"))');
  });

  it('prints a multi-child NOT over the AND of its children', () => {
    expect(printWhen(not(a, b))).toBe('NOT (keyword("a") AND keyword("b"))');
  });

  it('reads operators case-insensitively and anything unknown as OR, like the router', () => {
    expect(printWhen({ operator: 'and', conditions: [a, b] })).toBe(
      'keyword("a") AND keyword("b")',
    );
    expect(printWhen({ operator: 'XOR', conditions: [a, b] })).toBe(
      '(keyword("a") OR keyword("b"))',
    );
  });

  it('prints nothing for an empty tree and drops empty groups inside one', () => {
    expect(printWhen(undefined)).toBeUndefined();
    expect(printWhen({ operator: 'AND' })).toBeUndefined();
    expect(printWhen(and(a, or(), b))).toBe('keyword("a") AND keyword("b")');
  });

  it('always quotes leaf names, including complexity levels and spaces', () => {
    expect(
      printWhen(and(leaf('code_task:hard', 'complexity'), leaf('computer science', 'domain'))),
    ).toBe('complexity("code_task:hard") AND domain("computer science")');
    expect(printWhen(leaf('say "x"'))).toBe('keyword("say \\"x\\"")');
  });

  it('writes label, predicate and on_error as fields after the leaf name', () => {
    const node: RuleNode = {
      type: 'classifier',
      name: 'intent',
      on_error: 'match',
      predicate: { lt: 0.9, gte: 0.5 },
      label: 'billing',
    };
    expect(printWhen(node)).toBe(
      'classifier("intent", label: "billing", predicate: { gte: 0.5, lt: 0.9 }, on_error: "match")',
    );
  });
});

describe('WHEN in a route', () => {
  it('is left out for an unconditional route and written for a single leaf', () => {
    const out = decompileConfig(
      ConfigSchema.parse({
        routing: {
          decisions: [
            { name: 'fallback', priority: 1, rules: { operator: 'AND' } },
            { name: 'one', priority: 2, rules: and(leaf('math', 'domain')) },
          ],
        },
      }),
    );
    expect(out).toContain('ROUTE fallback {\n  PRIORITY 1\n}\n');
    expect(out).toContain('ROUTE one {\n  PRIORITY 2\n  WHEN domain("math")\n}\n');
  });
});
