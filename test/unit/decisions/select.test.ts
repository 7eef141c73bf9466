import { describe, expect, it } from 'vitest';
import { selectBestDecision } from '../../../src-main/core/decisions/select';

const d = (name: string, priority: number, tier: number, confidence: number) => ({
  name,
  priority,
  tier,
  confidence,
});

describe('selectBestDecision (reference §4.3, §9.9)', () => {
  it('orders by priority, then confidence, then name under the default strategy', () => {
    expect(selectBestDecision([d('a', 10, 0, 0.9), d('b', 20, 0, 0.1)], 'priority')?.name).toBe(
      'b',
    );
    expect(selectBestDecision([d('a', 10, 0, 0.5), d('b', 10, 0, 0.9)], 'priority')?.name).toBe(
      'b',
    );
    expect(selectBestDecision([d('b', 10, 0, 0.5), d('a', 10, 0, 0.5)], 'priority')?.name).toBe(
      'a',
    );
  });

  it('orders by confidence first under strategy confidence', () => {
    expect(selectBestDecision([d('a', 10, 0, 0.9), d('b', 20, 0, 0.1)], 'confidence')?.name).toBe(
      'a',
    );
  });

  it('lets tier beat priority once any match is tiered, with tier 0 before tier 1', () => {
    expect(selectBestDecision([d('low', 10, 1, 0.1), d('high', 300, 2, 1)], 'priority')?.name).toBe(
      'low',
    );
    expect(
      selectBestDecision([d('untiered', 1, 0, 0), d('tier1', 300, 1, 1)], 'priority')?.name,
    ).toBe('untiered');
    expect(selectBestDecision([d('a', 1, 3, 0.4), d('b', 9, 3, 0.4)], 'confidence')?.name).toBe(
      'b',
    );
  });

  it('returns nothing when nothing matched', () => {
    expect(selectBestDecision([], 'priority')).toBeUndefined();
  });
});
