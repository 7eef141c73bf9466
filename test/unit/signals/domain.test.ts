import { describe, expect, it } from 'vitest';
import type { Global } from '../../../src-main/core/config/schema/global';
import type { DomainRule } from '../../../src-main/core/config/schema/signals';
import { domainSignal, normalizedEntropy } from '../../../src-main/core/signals/domain';
import { fixedClassifier, prepareEnv, signalInput } from '../../support/hand-made-models';

const MMLU = [
  'biology',
  'business',
  'chemistry',
  'computer science',
  'economics',
  'engineering',
  'health',
  'history',
  'law',
  'math',
  'other',
  'philosophy',
  'physics',
  'psychology',
];

/** A distribution with the given labels' probabilities and the rest spread evenly. */
function distribution(peaks: Record<string, number>): number[] {
  const used = Object.values(peaks).reduce((s, p) => s + p, 0);
  const rest = (1 - used) / (MMLU.length - Object.keys(peaks).length);
  return MMLU.map((label) => peaks[label] ?? rest);
}

const withThreshold = (threshold: number): Global => ({
  model_catalog: { modules: { classifier: { domain: { threshold } } } },
});

async function run(rules: DomainRule[], probabilities: number[], global: Global = {}) {
  const domain = fixedClassifier(MMLU, probabilities);
  const prepared = await domainSignal.prepare(rules, prepareEnv({ ml: { domain }, global }));
  return prepared.evaluate(signalInput('what is the derivative of x squared'));
}

const rules: DomainRule[] = [
  { name: 'math' },
  { name: 'Physics' },
  { name: 'stem', mmlu_categories: ['math', 'physics', 'computer_science'] },
  { name: 'humanities', mmlu_categories: ['history', 'philosophy'] },
];

describe('domain signal', () => {
  it('emits only the top class when the distribution is confident (low entropy)', async () => {
    const confident = distribution({ math: 0.9 });
    expect(normalizedEntropy(confident)).toBeLessThan(0.4);
    // Even with a threshold that the other classes would clear, only math counts.
    const output = await run(rules, confident, withThreshold(0.005));
    expect(output.matched).toEqual(['math', 'stem']);
    expect(output.confidences).toEqual({
      'domain:math': expect.closeTo(0.9, 6),
      'domain:stem': expect.closeTo(0.9, 6),
    });
    expect(output.details).toMatchObject({ labels: ['math'] });
  });

  it('emits every class over the threshold when the distribution is uncertain', async () => {
    const uncertain = distribution({ physics: 0.3, math: 0.28 });
    expect(normalizedEntropy(uncertain)).toBeGreaterThanOrEqual(0.4);
    const output = await run(rules, uncertain, withThreshold(0.25));
    // Labels in probability order; each label maps to its rules in declaration order.
    expect(output.matched).toEqual(['Physics', 'stem', 'math']);
    expect(output.confidences).toEqual({
      'domain:Physics': expect.closeTo(0.3, 6),
      'domain:stem': expect.closeTo(0.3, 6),
      'domain:math': expect.closeTo(0.28, 6),
    });
    expect(output.details).toMatchObject({ labels: ['physics', 'math'] });
  });

  it('uses 0.5 as the default threshold', async () => {
    const output = await run(rules, distribution({ physics: 0.3, math: 0.28 }));
    expect(output.matched).toEqual([]);
  });

  it('maps labels through mmlu_categories, ignoring case and underscores', async () => {
    const output = await run(rules, distribution({ 'computer science': 0.95 }));
    expect(output.matched).toEqual(['stem']);
    expect(output.details).toMatchObject({ labels: ['computer science'] });
  });

  it('is unavailable without the domain classifier', async () => {
    const prepared = await domainSignal.prepare(rules, prepareEnv());
    expect(await prepared.evaluate(signalInput('x'))).toMatchObject({
      status: 'unavailable',
      reason: 'domain needs the domain classifier model, which is not installed',
    });
  });
});
