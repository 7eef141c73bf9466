import { describe, expect, it } from 'vitest';
import type { RuleNode } from '../../../src-main/core/config/schema/common';
import { evaluateRule } from '../../../src-main/core/decisions/rule-tree';
import { emptySignalState } from '../../../src-main/core/router/signal-state';
import type { SignalState } from '../../../src-main/core/router/signal-state';

function stateWith(
  matched: Record<string, string[]>,
  confidences: Record<string, number> = {},
): SignalState {
  const state = emptySignalState();
  for (const [type, names] of Object.entries(matched)) state.matched.set(type as never, names);
  for (const [key, value] of Object.entries(confidences)) state.confidences.set(key, value);
  return state;
}

const leaf = (type: string, name: string): RuleNode => ({ type, name });
const ctx = (state: SignalState) => ({ state, domains: new Map() });

describe('rule trees (reference §4.2, §9.10)', () => {
  it('treats omitted rules as an unconditional match with confidence 0', () => {
    expect(evaluateRule(undefined, ctx(stateWith({})))).toMatchObject({
      matched: true,
      confidence: 0,
    });
    expect(evaluateRule({}, ctx(stateWith({})))).toMatchObject({
      matched: true,
      confidence: 0,
      trace: { node_type: 'fallback' },
    });
  });

  it('makes an empty AND a catch-all with confidence 0 and an empty OR a non-match', () => {
    expect(evaluateRule({ operator: 'AND' }, ctx(stateWith({})))).toMatchObject({
      matched: true,
      confidence: 0,
    });
    expect(evaluateRule({ operator: 'AND', conditions: [] }, ctx(stateWith({})))).toMatchObject({
      matched: true,
    });
    expect(evaluateRule({ operator: 'OR', conditions: [] }, ctx(stateWith({})))).toMatchObject({
      matched: false,
    });
  });

  it('reads a leaf confidence from the map, 1.0 when absent', () => {
    const state = stateWith({ keyword: ['k'], embedding: ['e'] }, { 'embedding:e': 0.62 });
    expect(evaluateRule(leaf('keyword', 'k'), ctx(state)).confidence).toBe(1);
    expect(evaluateRule(leaf('embedding', 'e'), ctx(state)).confidence).toBe(0.62);
    expect(evaluateRule(leaf('Keyword', 'k'), ctx(state)).matched).toBe(true);
    expect(evaluateRule(leaf('bogus', 'k'), ctx(state)).matched).toBe(false);
  });

  it('averages AND, takes the best OR child and its rules', () => {
    const state = stateWith(
      { keyword: ['k'], embedding: ['e', 'f'] },
      { 'embedding:e': 0.6, 'embedding:f': 0.8 },
    );
    const and = evaluateRule(
      { operator: 'AND', conditions: [leaf('keyword', 'k'), leaf('embedding', 'e')] },
      ctx(state),
    );
    expect(and).toMatchObject({ matched: true, matchedRules: ['keyword:k', 'embedding:e'] });
    expect(and.confidence).toBeCloseTo(0.8);
    const or = evaluateRule(
      {
        operator: 'OR',
        conditions: [leaf('embedding', 'e'), leaf('embedding', 'f'), leaf('keyword', 'x')],
      },
      ctx(state),
    );
    expect(or).toMatchObject({ matched: true, confidence: 0.8, matchedRules: ['embedding:f'] });
  });

  it('treats an unknown or missing operator as OR', () => {
    const state = stateWith({ keyword: ['k'] });
    expect(
      evaluateRule(
        { operator: 'xor', conditions: [leaf('keyword', 'x'), leaf('keyword', 'k')] },
        ctx(state),
      ).matched,
    ).toBe(true);
    expect(evaluateRule({ conditions: [leaf('keyword', 'k')] }, ctx(state)).matched).toBe(true);
  });

  it('gives NOT confidence 1.0 and requires exactly one child', () => {
    const state = stateWith({ keyword: ['k'] }, {});
    expect(
      evaluateRule({ operator: 'NOT', conditions: [leaf('keyword', 'x')] }, ctx(state)),
    ).toMatchObject({ matched: true, confidence: 1 });
    expect(
      evaluateRule({ operator: 'NOT', conditions: [leaf('keyword', 'k')] }, ctx(state)).matched,
    ).toBe(false);
    expect(
      evaluateRule(
        { operator: 'NOT', conditions: [leaf('keyword', 'x'), leaf('keyword', 'y')] },
        ctx(state),
      ).matched,
    ).toBe(false);
    // NOT's 1.0 inflates an AND mean.
    const inflated = evaluateRule(
      {
        operator: 'AND',
        conditions: [leaf('keyword', 'k'), { operator: 'NOT', conditions: [leaf('keyword', 'x')] }],
      },
      ctx(stateWith({ keyword: ['k'] }, { 'keyword:k': 0.2 })),
    );
    expect(inflated.confidence).toBeCloseTo(0.6);
  });

  it('matches predicate leaves on values, then confidences, never on NaN', () => {
    const state = stateWith({});
    state.values.set('structure:q', 5);
    state.confidences.set('embedding:e', 0.7);
    state.values.set('structure:nan', Number.NaN);
    expect(
      evaluateRule({ type: 'structure', name: 'q', predicate: { gte: 4 } }, ctx(state)),
    ).toMatchObject({ matched: true, confidence: 1 });
    expect(
      evaluateRule({ type: 'structure', name: 'q', predicate: { gt: 5 } }, ctx(state)).matched,
    ).toBe(false);
    expect(
      evaluateRule({ type: 'embedding', name: 'e', predicate: { lt: 0.8 } }, ctx(state)).matched,
    ).toBe(true);
    expect(
      evaluateRule({ type: 'structure', name: 'nan', predicate: { gte: 0 } }, ctx(state)).matched,
    ).toBe(false);
    state.errors.set('classifier:c', 'boom');
    expect(
      evaluateRule(
        { type: 'classifier', name: 'c', predicate: { gt: 0 }, on_error: 'match' },
        ctx(state),
      ).matched,
    ).toBe(true);
    expect(
      evaluateRule({ type: 'classifier', name: 'c', predicate: { gt: 0 } }, ctx(state)).matched,
    ).toBe(false);
  });

  it('matches a domain leaf through its mmlu_categories', () => {
    const state = stateWith({});
    state.domainLabels = ['computer science'];
    const domains = new Map([
      ['tech', { name: 'tech', mmlu_categories: ['computer science', 'engineering'] }],
    ]);
    expect(evaluateRule(leaf('domain', 'tech'), { state, domains }).matched).toBe(true);
  });

  it('marks leaves of unavailable families in the trace', () => {
    const state = stateWith({});
    state.unavailable.add('embedding');
    expect(evaluateRule(leaf('embedding', 'e'), ctx(state)).trace).toMatchObject({
      matched: false,
      unavailable: true,
    });
  });
});
