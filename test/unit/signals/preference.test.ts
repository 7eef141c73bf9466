import { describe, expect, it } from 'vitest';
import type { PreferenceRule } from '../../../src-main/core/config/schema/signals';
import { preferenceSignal } from '../../../src-main/core/signals/preference';
import { atCosine, lookupEmbedder, prepareEnv, signalInput } from '../../support/hand-made-models';

const vectors = {
  'Wants a short answer': atCosine(0.85),
  'tl;dr please': atCosine(0.8),
  'Wants every detail': atCosine(0.3),
  'explain thoroughly': atCosine(0.6),
};

async function run(rules: PreferenceRule[]) {
  const embedder = lookupEmbedder(vectors);
  const prepared = await preferenceSignal.prepare(rules, prepareEnv({ ml: { embedder } }));
  return { output: await prepared.evaluate(signalInput('anything', [1, 0])), embedder };
}

const brief: PreferenceRule = {
  name: 'brief',
  description: 'Wants a short answer',
  examples: ['tl;dr please'],
  threshold: 0.7,
};
const thorough: PreferenceRule = {
  name: 'thorough',
  description: 'Wants every detail',
  examples: ['explain thoroughly'],
  threshold: 0.3,
};

describe('preference signal', () => {
  it('picks a single winner from description and examples, with its score', async () => {
    const { output, embedder } = await run([thorough, brief]);
    expect(output.matched).toEqual(['brief']);
    // Description (0.85) and example (0.8) are near-duplicates, so they form one
    // cluster; its medoid (tie → the smaller text, the description) scores the rule.
    expect(output.confidences).toEqual({ 'preference:brief': expect.closeTo(0.85, 6) });
    expect(embedder.calls[0]).toContain('Wants a short answer');
  });

  it('matches nothing when the best rule misses its own threshold, even if another clears its own', async () => {
    const { output } = await run([{ ...brief, threshold: 0.95 }, thorough]);
    expect(output.matched).toEqual([]);
    expect(output.confidences).toEqual({});
  });

  it('is unavailable without an embedding model', async () => {
    const prepared = await preferenceSignal.prepare([brief], prepareEnv());
    expect(await prepared.evaluate(signalInput('x'))).toMatchObject({
      status: 'unavailable',
      reason: 'preference needs the embedding model, which is not installed',
    });
  });
});
