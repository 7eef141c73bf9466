import { describe, expect, it } from 'vitest';
import type { Global } from '../../../src-main/core/config/schema/global';
import type { NamedRule } from '../../../src-main/core/config/schema/signals';
import { factCheckSignal } from '../../../src-main/core/signals/fact-check';
import { fixedClassifier, prepareEnv, signalInput } from '../../support/hand-made-models';

const LABELS = ['NO_FACT_CHECK_NEEDED', 'FACT_CHECK_NEEDED'];
const both: NamedRule[] = [{ name: 'needs_fact_check' }, { name: 'no_fact_check_needed' }];

async function run(rules: NamedRule[], probabilities: number[], global: Global = {}) {
  const factCheck = fixedClassifier(LABELS, probabilities);
  const prepared = await factCheckSignal.prepare(rules, prepareEnv({ ml: { factCheck }, global }));
  return prepared.evaluate(signalInput('When did the Berlin wall fall?'));
}

describe('fact_check signal', () => {
  it('emits needs_fact_check for a confident positive, without a confidence', async () => {
    const output = await run(both, [0.3, 0.7]);
    expect(output.matched).toEqual(['needs_fact_check']);
    expect(output.confidences).toEqual({});
  });

  it('flips a positive under the threshold (0.6) to no_fact_check_needed', async () => {
    expect((await run(both, [0.45, 0.55])).matched).toEqual(['no_fact_check_needed']);
  });

  it('reads the threshold from the fact-check module', async () => {
    const global: Global = {
      model_catalog: { modules: { hallucination_mitigation: { fact_check: { threshold: 0.5 } } } },
    };
    expect((await run(both, [0.45, 0.55], global)).matched).toEqual(['needs_fact_check']);
  });

  it('emits a result only when a rule carries that exact name', async () => {
    expect((await run([{ name: 'needs_fact_check' }], [0.45, 0.55])).matched).toEqual([]);
    expect((await run([{ name: 'balance_needs_fact_check' }], [0.1, 0.9])).matched).toEqual([]);
  });

  it('finds the positive class by name whatever its position', async () => {
    const factCheck = fixedClassifier(['FACT_CHECK_NEEDED', 'NO_FACT_CHECK_NEEDED'], [0.8, 0.2]);
    const prepared = await factCheckSignal.prepare(both, prepareEnv({ ml: { factCheck } }));
    expect((await prepared.evaluate(signalInput('x'))).matched).toEqual(['needs_fact_check']);
  });

  it('is unavailable without the fact-check classifier', async () => {
    const prepared = await factCheckSignal.prepare(both, prepareEnv());
    expect(await prepared.evaluate(signalInput('x'))).toMatchObject({
      status: 'unavailable',
      reason: 'fact_check needs the fact-check classifier model, which is not installed',
    });
  });
});
