import { describe, expect, it } from 'vitest';
import type { Global } from '../../../src-main/core/config/schema/global';
import type { EmbeddingRule } from '../../../src-main/core/config/schema/signals';
import {
  applyEmbeddingTopK,
  embeddingSignal,
  readEmbeddingSettings,
} from '../../../src-main/core/signals/embedding';
import { atCosine, lookupEmbedder, prepareEnv, signalInput } from '../../support/hand-made-models';

// One candidate per rule, so a rule's score is simply its cosine with the query [1, 0].
const vectors = {
  'write a python function': atCosine(0.9),
  'fix this stack trace': atCosine(0.9),
  'tell me a joke': atCosine(0.6),
  'translate this': atCosine(0.4),
};
const QUERY = [1, 0];

async function run(rules: EmbeddingRule[], global: Global = {}) {
  const embedder = lookupEmbedder(vectors);
  const prepared = await embeddingSignal.prepare(rules, prepareEnv({ ml: { embedder }, global }));
  const output = await prepared.evaluate(signalInput('anything', QUERY));
  return { output, embedder };
}

const code: EmbeddingRule = {
  name: 'code',
  threshold: 0.8,
  candidates: ['write a python function'],
};
const chat: EmbeddingRule = { name: 'chat', threshold: 0.8, candidates: ['tell me a joke'] };
const translate: EmbeddingRule = {
  name: 'translate',
  threshold: 0.8,
  candidates: ['translate this'],
};

describe('embedding signal', () => {
  it('matches rules at their threshold, with the score as confidence', async () => {
    const { output, embedder } = await run([chat, code]);
    expect(output.status).toBe('ok');
    expect(output.matched).toEqual(['code']);
    expect(output.confidences).toEqual({ 'embedding:code': expect.closeTo(0.9, 6) });
    // The query embedding is shared: the family embeds candidates only.
    expect(embedder.calls).toEqual([['tell me a joke', 'write a python function']]);
  });

  it('writes score, best, support and prototype count for every rule', async () => {
    const { output } = await run([chat, code]);
    expect(output.values).toEqual({
      'embedding:chat': expect.closeTo(0.6, 6),
      'embedding:chat:best': expect.closeTo(0.6, 6),
      'embedding:chat:support': expect.closeTo(0.6, 6),
      'embedding:chat:prototype_count': 1,
      'embedding:code': expect.closeTo(0.9, 6),
      'embedding:code:best': expect.closeTo(0.9, 6),
      'embedding:code:support': expect.closeTo(0.9, 6),
      'embedding:code:prototype_count': 1,
    });
  });

  it('falls back to soft matches (score ≥ 0.5) when no rule reaches its threshold', async () => {
    const strict = (rule: EmbeddingRule) => ({ ...rule, threshold: 0.95 });
    const { output } = await run([strict(translate), strict(chat), strict(code)]);
    expect(output.matched).toEqual(['code', 'chat']);
    expect(output.details).toMatchObject({ mode: 'soft' });
    expect(output.confidences['embedding:chat']).toBeCloseTo(0.6, 6);
  });

  it('reads min_score_threshold and enable_soft_matching from the embedding config', async () => {
    const strict = [
      { ...chat, threshold: 0.95 },
      { ...code, threshold: 0.95 },
    ];
    const config = (embedding_config: Record<string, unknown>): Global => ({
      model_catalog: { embeddings: { semantic: { embedding_config } } },
    });
    expect((await run(strict, config({ min_score_threshold: 0.7 }))).output.matched).toEqual([
      'code',
    ]);
    expect((await run(strict, config({ enable_soft_matching: false }))).output.matched).toEqual([]);
    expect(readEmbeddingSettings(config({ top_k: 3 }))).toEqual({
      topK: 3,
      minScoreThreshold: 0.5,
      enableSoftMatching: true,
    });
    expect(readEmbeddingSettings({})).toEqual({
      topK: 1,
      minScoreThreshold: 0.5,
      enableSoftMatching: true,
    });
  });

  it('does not apply top-k itself: every match comes back, best first, ties by name', async () => {
    const debug: EmbeddingRule = {
      name: 'debug',
      threshold: 0.5,
      candidates: ['fix this stack trace'],
    };
    const { output } = await run([{ ...chat, threshold: 0.5 }, { ...code, threshold: 0.5 }, debug]);
    expect(output.matched).toEqual(['code', 'debug', 'chat']);
  });

  it('uses mean aggregation when a rule asks for it', async () => {
    const rule: EmbeddingRule = {
      name: 'mixed',
      threshold: 0.7,
      aggregation_method: 'mean',
      candidates: ['write a python function', 'translate this'],
    };
    const { output } = await run([rule]);
    // mean(0.9, 0.4) = 0.65 < 0.7, while the default blend would give 0.8.
    expect(output.values['embedding:mixed']).toBeCloseTo(0.65, 6);
    expect(output.details).toMatchObject({ mode: 'soft' });
  });

  it('is unavailable without an embedding model, from prepare, without throwing', async () => {
    const prepared = await embeddingSignal.prepare([code], prepareEnv());
    const output = await prepared.evaluate(signalInput('x'));
    expect(output.status).toBe('unavailable');
    expect(output.reason).toBe('embedding needs the embedding model, which is not installed');
  });

  it('is unavailable when the request comes without a query embedding', async () => {
    const embedder = lookupEmbedder(vectors);
    const prepared = await embeddingSignal.prepare([code], prepareEnv({ ml: { embedder } }));
    expect((await prepared.evaluate(signalInput('x'))).status).toBe('unavailable');
  });
});

describe('applyEmbeddingTopK', () => {
  const confidences = {
    'embedding:b': 0.7,
    'embedding:a': 0.7,
    'embedding:c': 0.9,
    'domain:math': 0.8,
  };

  it('keeps the k best by confidence, ties by name, and drops the others’ confidences', () => {
    expect(applyEmbeddingTopK(['b', 'a', 'c'], confidences, 1)).toEqual({
      matched: ['c'],
      confidences: { 'embedding:c': 0.9, 'domain:math': 0.8 },
    });
    expect(applyEmbeddingTopK(['c', 'b', 'a'], confidences, 2)).toEqual({
      matched: ['c', 'a'],
      confidences: { 'embedding:a': 0.7, 'embedding:c': 0.9, 'domain:math': 0.8 },
    });
  });

  it('keeps everything when k is 0 and does not modify its inputs', () => {
    const matched = ['b', 'a', 'c'];
    expect(applyEmbeddingTopK(matched, confidences, 0)).toEqual({ matched, confidences });
    applyEmbeddingTopK(matched, confidences, 1);
    expect(confidences['embedding:a']).toBe(0.7);
    expect(matched).toEqual(['b', 'a', 'c']);
  });
});
