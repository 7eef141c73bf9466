import { describe, expect, it } from 'vitest';
import type { MetadataRule } from '../../../src-main/core/config/schema/signals';
import { metadataRuleMatches, metadataSignal } from '../../../src-main/core/signals/metadata';
import { buildTextViews } from '../../../src-main/core/signals/text-views';

const env = { ml: {}, global: {}, kbs: new Map() };

const METADATA = { tier: 'gold', priority: 7, beta: true, empty: '', gone: null, nested: { a: 1 } };

describe('metadataRuleMatches', () => {
  const matches = (rule: Pick<MetadataRule, 'key' | 'equals' | 'in' | 'exists'>): boolean =>
    metadataRuleMatches({ name: 'r', ...rule }, METADATA);

  it('compares equals as strings', () => {
    expect(matches({ key: 'tier', equals: 'gold' })).toBe(true);
    expect(matches({ key: 'tier', equals: 'Gold' })).toBe(false);
    expect(matches({ key: 'priority', equals: 7 })).toBe(true);
    expect(matches({ key: 'priority', equals: '7' })).toBe(true);
    expect(matches({ key: 'beta', equals: 'true' })).toBe(true);
    expect(matches({ key: 'beta', equals: false })).toBe(false);
    expect(matches({ key: 'empty', equals: '' })).toBe(true);
    expect(matches({ key: 'nested', equals: '[object Object]' })).toBe(false);
    expect(matches({ key: 'missing', equals: 'gold' })).toBe(false);
  });

  it('accepts any listed value with in', () => {
    expect(matches({ key: 'tier', in: ['silver', 'gold'] })).toBe(true);
    expect(matches({ key: 'priority', in: ['6', 7] })).toBe(true);
    expect(matches({ key: 'tier', in: ['silver'] })).toBe(false);
    expect(matches({ key: 'tier', in: [] })).toBe(false);
  });

  it('tests presence with exists, and by default', () => {
    expect(matches({ key: 'tier', exists: true })).toBe(true);
    expect(matches({ key: 'missing', exists: false })).toBe(true);
    expect(matches({ key: 'tier', exists: false })).toBe(false);
    expect(matches({ key: 'tier' })).toBe(true);
    expect(matches({ key: 'missing' })).toBe(false);
    // A null value is no value.
    expect(matches({ key: 'gone' })).toBe(false);
    expect(matches({ key: 'gone', exists: false })).toBe(true);
    // Inherited properties are not metadata.
    expect(matches({ key: 'toString' })).toBe(false);
  });

  it('requires every given test', () => {
    expect(matches({ key: 'tier', exists: true, equals: 'gold' })).toBe(true);
    expect(matches({ key: 'tier', equals: 'gold', in: ['silver'] })).toBe(false);
  });

  it('handles a request without metadata', () => {
    expect(metadataRuleMatches({ name: 'r', key: 'tier' }, undefined)).toBe(false);
    expect(metadataRuleMatches({ name: 'r', key: 'tier', exists: false }, undefined)).toBe(true);
  });
});

describe('metadataSignal', () => {
  it('emits matched rules in order with confidence 1', async () => {
    const rules: MetadataRule[] = [
      { name: 'gold', key: 'tier', equals: 'gold' },
      { name: 'silver', key: 'tier', equals: 'silver' },
      { name: 'urgent', key: 'priority', in: [7, 8, 9] },
    ];
    const request = { text: 'hi', metadata: METADATA };
    const prepared = await metadataSignal.prepare(rules, env);
    const out = await prepared.evaluate({ request, views: buildTextViews(request) });
    expect(out.status).toBe('ok');
    expect(out.matched).toEqual(['gold', 'urgent']);
    expect(out.confidences).toEqual({ 'metadata:gold': 1, 'metadata:urgent': 1 });
  });
});
