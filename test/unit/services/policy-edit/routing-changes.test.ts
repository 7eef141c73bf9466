import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../../src-main/core/config/load';
import type { RouterConfig } from '../../../../src-main/core/config/router-config';
import {
  canonicalJson,
  decisionChanges,
  sameRouting,
} from '../../../../src-main/core/services/policy-edit/routing-changes';
import { localPolicy } from '../../../support/local-policy';

const load = (text: string): RouterConfig => {
  const loaded = loadConfigText(text, 'test.yaml');
  if (!loaded.config) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.config;
};

describe('comparing what the router reads', () => {
  it('prints equal values equal whatever their key order, Maps included', () => {
    expect(
      canonicalJson({
        b: 1,
        a: new Map([
          ['y', 2],
          ['x', 1],
        ]),
      }),
    ).toBe(
      canonicalJson({
        a: new Map([
          ['x', 1],
          ['y', 2],
        ]),
        b: 1,
        c: undefined,
      }),
    );
  });

  it("reads a keyword rule's case_sensitive: false as its absence, and true as a change", () => {
    const base = localPolicy('fast', 'asap');
    const stated = base.replace('operator: OR,', 'operator: OR, case_sensitive: false,');
    const sensitive = base.replace('operator: OR,', 'operator: OR, case_sensitive: true,');
    expect(stated).not.toBe(base);
    expect(sameRouting(load(base), load(stated))).toBe(true);
    expect(sameRouting(load(base), load(sensitive))).toBe(false);
  });

  it('reads a model card that only names its model as no card', () => {
    const base = localPolicy('fast');
    const bare = base.replace('  modelCards: [{ name: local/small }]\n', '');
    const described = base.replace(
      '{ name: local/small }]',
      '{ name: local/small, quality_score: 0.5 }]',
    );
    expect(sameRouting(load(base), load(bare))).toBe(true);
    expect(sameRouting(load(base), load(described))).toBe(false);
  });

  it('names the decision fields that differ', () => {
    const before = load(localPolicy('fast', 'asap'));
    const after = load(
      localPolicy('fast', 'asap')
        .replace('priority: 10', 'priority: 20')
        .replace('conditions: [{ type: keyword, name: words }]', 'conditions: []'),
    );
    expect(decisionChanges(before, after)).toEqual([
      { name: 'fast', change: 'changed', fields: ['priority', 'rules'] },
    ]);
    expect(decisionChanges(before, before)).toEqual([]);
  });
});
