import { describe, expect, it } from 'vitest';
import type { KbDefinition } from '../../../src-main/core/config/schema/global';
import type { KbRule } from '../../../src-main/core/config/schema/signals';
import { kbSignal, summarizeKb } from '../../../src-main/core/signals/kb';
import type { LoadedKb } from '../../../src-main/core/signals/signal-module';
import { atCosine, lookupEmbedder, prepareEnv, signalInput } from '../../support/hand-made-models';

// One exemplar per label: a label's score is its exemplar's cosine with the query [1, 0].
const vectors = {
  'my api key is': atCosine(0.9),
  'my home address is': atCosine(0.7),
  'is it sunny': atCosine(0.3),
};

const definition: KbDefinition = {
  name: 'Privacy',
  threshold: 0.5,
  label_thresholds: { secrets: 0.95 },
  groups: { private: ['secrets', 'personal'], public: ['weather'] },
  metrics: [
    {
      name: 'Private_vs_Public',
      type: 'group_margin',
      positive_group: 'private',
      negative_group: 'public',
    },
  ],
};
const privacy: LoadedKb = {
  definition,
  labels: new Map([
    ['secrets', { exemplars: ['my api key is'] }],
    ['personal', { exemplars: ['my home address is'] }],
    ['weather', { exemplars: ['is it sunny'] }],
  ]),
};

const rule = (name: string, kind: string, value: string, match?: string): KbRule => ({
  name,
  kb: 'Privacy',
  target: { kind, value },
  ...(match ? { match } : {}),
});

async function run(rules: KbRule[]) {
  const embedder = lookupEmbedder(vectors);
  const env = prepareEnv({ ml: { embedder }, kbs: new Map([['Privacy', privacy]]) });
  const prepared = await kbSignal.prepare(rules, env);
  return prepared.evaluate(signalInput('anything', [1, 0]));
}

describe('kb signal', () => {
  it('matches labels and groups by best or by threshold, with their scores as confidence', async () => {
    const output = await run([
      rule('best_secrets', 'label', 'secrets', 'best'),
      rule('over_secrets', 'label', 'secrets'), // 0.9 is under its own 0.95
      rule('over_personal', 'label', 'personal', 'threshold'),
      rule('best_personal', 'label', 'personal', 'best'),
      rule('best_private', 'group', 'private', 'best'),
      rule('over_public', 'group', 'public'),
    ]);
    expect(output.status).toBe('ok');
    expect(output.matched).toEqual(['best_secrets', 'over_personal', 'best_private']);
    expect(output.confidences).toEqual({
      'kb:best_secrets': expect.closeTo(0.9, 6),
      'kb:over_personal': expect.closeTo(0.7, 6),
      'kb:best_private': expect.closeTo(0.9, 6),
    });
  });

  it('reports best_score, best_matched_score and group margins as lower-cased kb metrics', async () => {
    const output = await run([rule('best_secrets', 'label', 'secrets', 'best')]);
    expect(output.kbMetrics).toEqual({
      'kb_metric:privacy:best_score': expect.closeTo(0.9, 6),
      'kb_metric:privacy:best_matched_score': expect.closeTo(0.7, 6),
      'kb_metric:privacy:private_vs_public': expect.closeTo(0.6, 6),
    });
  });

  it('breaks ties for the best label alphabetically', () => {
    const scores = summarizeKb(
      { name: 'k', threshold: 0.5 },
      new Map([
        ['b', 0.8],
        ['a', 0.8],
      ]),
    );
    expect(scores.bestLabel).toBe('a');
    expect(scores.matchedLabels).toEqual(['a', 'b']);
  });

  it('reports an unknown knowledge base as an error', async () => {
    const embedder = lookupEmbedder(vectors);
    const prepared = await kbSignal.prepare(
      [{ name: 'x', kb: 'nope', target: { kind: 'label', value: 'a' } }],
      prepareEnv({ ml: { embedder } }),
    );
    const output = await prepared.evaluate(signalInput('anything', [1, 0]));
    expect(output.status).toBe('error');
    expect(output.reason).toContain('"nope"');
  });

  it('is unavailable without an embedding model, even before checking KB names', async () => {
    const prepared = await kbSignal.prepare(
      [{ name: 'x', kb: 'nope', target: { kind: 'label', value: 'a' } }],
      prepareEnv(),
    );
    const output = await prepared.evaluate(signalInput('x'));
    expect(output.status).toBe('unavailable');
    expect(output.reason).toBe('kb needs the embedding model, which is not installed');
  });
});
