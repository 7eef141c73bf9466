import { describe, expect, it } from 'vitest';
import type { ComplexityRule } from '../../../src-main/core/config/schema/signals';
import { complexityLevel, complexitySignal } from '../../../src-main/core/signals/complexity';
import { atCosine, lookupEmbedder, prepareEnv, signalInput } from '../../support/hand-made-models';

// Single-candidate banks: each bank scores its candidate's cosine with the query [1, 0].
const vectors = {
  'prove the theorem': atCosine(0.9),
  'design a distributed system': atCosine(0.62),
  'say hi': atCosine(0.5),
  'what time is it': atCosine(0.6),
  'hello there': atCosine(0.95),
};

async function run(rules: ComplexityRule[]) {
  const embedder = lookupEmbedder(vectors);
  const prepared = await complexitySignal.prepare(rules, prepareEnv({ ml: { embedder } }));
  return prepared.evaluate(signalInput('anything', [1, 0]));
}

describe('complexity signal', () => {
  it('calls a clear hard margin hard, with |margin| as confidence', async () => {
    const output = await run([
      {
        name: 'reasoning',
        threshold: 0.1,
        hard: { candidates: ['prove the theorem'] },
        easy: { candidates: ['say hi'] },
      },
    ]);
    expect(output.matched).toEqual(['reasoning:hard']);
    expect(output.confidences).toEqual({ 'complexity:reasoning:hard': expect.closeTo(0.4, 6) });
    expect(output.values).toEqual({
      'complexity:reasoning:text_hard_score': expect.closeTo(0.9, 6),
      'complexity:reasoning:text_easy_score': expect.closeTo(0.5, 6),
      'complexity:reasoning:text_margin': expect.closeTo(0.4, 6),
      'complexity:reasoning:margin': expect.closeTo(0.4, 6),
    });
  });

  it('always emits one level per rule: medium with a small confidence, and easy', async () => {
    const output = await run([
      {
        name: 'close_call',
        threshold: 0.1,
        hard: { candidates: ['design a distributed system'] },
        easy: { candidates: ['what time is it'] },
      },
      {
        name: 'chit_chat',
        threshold: 0.1,
        hard: { candidates: ['say hi'] },
        easy: { candidates: ['hello there'] },
      },
      { name: 'no_examples' },
    ]);
    expect(output.matched).toEqual(['close_call:medium', 'chit_chat:easy', 'no_examples:medium']);
    expect(output.confidences['complexity:close_call:medium']).toBeCloseTo(0.02, 6);
    expect(output.confidences['complexity:chit_chat:easy']).toBeCloseTo(0.45, 6);
    expect(output.confidences['complexity:no_examples:medium']).toBe(0);
  });

  it('places the level boundaries strictly beyond ±threshold', () => {
    expect(complexityLevel(0.1, 0.1)).toBe('medium');
    expect(complexityLevel(0.1001, 0.1)).toBe('hard');
    expect(complexityLevel(-0.1, 0.1)).toBe('medium');
    expect(complexityLevel(-0.1001, 0.1)).toBe('easy');
  });

  it('ignores image candidates (text only) and says so in the details', async () => {
    const output = await run([
      {
        name: 'vision',
        threshold: 0.1,
        hard: { candidates: ['prove the theorem'], image_candidates: ['https://x/img.png'] },
        easy: { candidates: ['say hi'] },
      },
    ]);
    expect(output.matched).toEqual(['vision:hard']);
    expect(output.details).toMatchObject({ imageCandidatesIgnored: ['vision'] });
  });

  it('is unavailable without an embedding model', async () => {
    const prepared = await complexitySignal.prepare([{ name: 'x' }], prepareEnv());
    const output = await prepared.evaluate(signalInput('x'));
    expect(output).toMatchObject({
      status: 'unavailable',
      matched: [],
      reason: 'complexity needs the embedding model, which is not installed',
    });
  });
});
