import { describe, expect, it } from 'vitest';
import type { ModalityRule } from '../../../src-main/core/config/schema/signals';
import { classifierSignal } from '../../../src-main/core/signals/classifier';
import { modalitySignal } from '../../../src-main/core/signals/modality';
import { fixedClassifier, prepareEnv, signalInput } from '../../support/hand-made-models';

const keywordRules: ModalityRule[] = [
  { name: 'AR', method: 'keyword' },
  { name: 'DIFFUSION', method: 'keyword' },
  { name: 'BOTH', method: 'keyword' },
];

async function run(rules: ModalityRule[], text: string, probabilities?: number[]) {
  const modality = probabilities
    ? fixedClassifier(['AR', 'DIFFUSION', 'BOTH'], probabilities)
    : undefined;
  const prepared = await modalitySignal.prepare(
    rules,
    prepareEnv({ ml: modality ? { modality } : {} }),
  );
  return prepared.evaluate(signalInput(text));
}

describe('modality signal', () => {
  it('detects image requests with the built-in keywords, without a model', async () => {
    expect((await run(keywordRules, 'Draw a cat on a skateboard')).matched).toEqual(['DIFFUSION']);
    expect(
      (await run(keywordRules, 'Generate an image of a cat and explain the style')).matched,
    ).toEqual(['BOTH']);
    expect((await run(keywordRules, 'What is a cat?')).matched).toEqual(['AR']);
  });

  it('uses a rule’s own keywords when it has them', async () => {
    const rules: ModalityRule[] = [{ name: 'DIFFUSION', method: 'keyword', keywords: ['sketch'] }];
    expect((await run(rules, 'sketch a cat')).matched).toEqual(['DIFFUSION']);
    expect((await run(rules, 'Draw a cat')).matched).toEqual([]);
  });

  it('follows the classifier in classifier mode', async () => {
    const rules: ModalityRule[] = [{ name: 'AR' }, { name: 'DIFFUSION' }];
    expect((await run(rules, 'Draw a cat', [0.7, 0.2, 0.1])).matched).toEqual(['AR']);
  });

  it('is unavailable in classifier or hybrid mode without the modality model', async () => {
    for (const method of [undefined, 'classifier', 'hybrid']) {
      const output = await run([{ name: 'AR', ...(method ? { method } : {}) }], 'hi');
      expect(output).toMatchObject({
        status: 'unavailable',
        reason: 'modality needs the modality classifier model, which is not installed',
      });
    }
  });
});

describe('classifier signal', () => {
  it('reports generic classifiers as unavailable', async () => {
    const prepared = await classifierSignal.prepare(
      [{ name: 'intent', type: 'llm' }],
      prepareEnv(),
    );
    expect(await prepared.evaluate(signalInput('x'))).toMatchObject({
      status: 'unavailable',
      reason: 'generic classifiers are not supported on this device yet',
    });
  });
});
