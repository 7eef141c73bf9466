import { describe, expect, it } from 'vitest';
import { applyProjections } from '../../../src-main/core/projections/apply-projections';
import { applyMapping } from '../../../src-main/core/projections/mappings';
import { applyPartitions, softmax } from '../../../src-main/core/projections/partitions';
import { emptySignalState } from '../../../src-main/core/router/signal-state';

describe('partitions (reference §3.1, §9.4)', () => {
  const declared = { domain: new Set<string>(), embedding: new Set(['a', 'b', 'c', 'fallback']) };
  const partition = {
    name: 'intent',
    semantics: 'softmax_exclusive',
    temperature: 0.18,
    members: ['a', 'b', 'c', 'fallback'],
    default: 'fallback',
  };

  it('adds the default, without a confidence, when no member matched', () => {
    const state = emptySignalState();
    state.matched.set('embedding', []);
    const [resolution] = applyPartitions([partition], declared, state);
    expect(state.matched.get('embedding')).toEqual(['fallback']);
    expect(state.confidences.has('embedding:fallback')).toBe(false);
    expect(resolution).toMatchObject({ default_used: true, winner: 'fallback' });
  });

  it('keeps one winner and replaces its confidence by its softmax probability', () => {
    const state = emptySignalState();
    state.matched.set('embedding', ['a', 'b', 'other']);
    state.confidences.set('embedding:a', 0.8).set('embedding:b', 0.7);
    const [resolution] = applyPartitions(
      [partition],
      { ...declared, embedding: new Set([...declared.embedding, 'other']) },
      state,
    );
    expect(state.matched.get('embedding')).toEqual(['a', 'other']);
    expect(state.confidences.has('embedding:b')).toBe(false);
    const expected = softmax([0.8, 0.7], 0.18)[0] as number;
    expect(state.confidences.get('embedding:a')).toBeCloseTo(expected);
    expect(resolution?.winner).toBe('a');
  });

  it('leaves a partition alone when its family had no model', () => {
    const state = emptySignalState();
    state.unavailable.add('embedding');
    const [resolution] = applyPartitions([partition], declared, state);
    expect(state.matched.get('embedding')).toBeUndefined();
    expect(resolution).toMatchObject({ skipped_unavailable: true, default_used: false });
  });
});

describe('scores and mappings (reference §3.2–3.3, §9.6, §9.18)', () => {
  it('weights binary, confidence and raw inputs and treats match: 0 as 1', () => {
    const state = emptySignalState();
    state.matched.set('keyword', ['k']);
    state.matched.set('embedding', ['e']);
    state.confidences.set('embedding:e', 0.5);
    state.values.set('structure:s', 3);
    const { scores } = applyProjections(
      {
        scores: [
          {
            name: 'total',
            inputs: [
              { type: 'keyword', name: 'k', weight: 0.5, match: 0 },
              { type: 'keyword', name: 'missing', weight: 1, miss: -0.25 },
              { type: 'embedding', name: 'e', weight: 1, value_source: 'confidence' },
              { type: 'keyword', name: 'k', weight: 1, value_source: 'confidence' },
              { type: 'structure', name: 's', weight: 0.1, value_source: 'raw' },
            ],
          },
        ],
        mappings: [{ name: 'band', source: 'total', outputs: [{ name: 'high', gte: 1 }] }],
      },
      state,
    );
    expect(scores[0]?.total).toBeCloseTo(0.5 - 0.25 + 0.5 + 1 + 0.3);
  });

  it('skips projections entirely without a score and a mapping', () => {
    const state = emptySignalState();
    expect(applyProjections({ scores: [{ name: 's', inputs: [] }] }, state)).toEqual({
      scores: [],
      mappings: [],
    });
    expect(state.matched.has('projection')).toBe(false);
  });

  it('emits the first matching band with a sigmoid confidence of at least 0.5', () => {
    const mapping = {
      name: 'band',
      source: 's',
      calibration: { method: 'sigmoid_distance', slope: 10 },
      outputs: [
        { name: 'low', lt: 0.5 },
        { name: 'high', gte: 0.5 },
        { name: 'also_high', gte: 0.2 },
      ],
    };
    const result = applyMapping(mapping, 0.8);
    expect(result.emitted).toEqual([{ name: 'high', confidence: 1 / (1 + Math.exp(-10 * 0.3)) }]);
    expect(
      applyMapping({ ...mapping, method: 'multi_emit' }, 0.8).emitted.map((e) => e.name),
    ).toEqual(['high', 'also_high']);
    expect(applyMapping({ ...mapping, calibration: undefined }, 0.5).emitted[0]?.confidence).toBe(
      0.5,
    );
    expect(applyMapping(mapping, Number.NaN).emitted).toEqual([]);
  });

  it('reads kb metrics and other scores in dependency order', () => {
    const state = emptySignalState();
    state.kbMetrics.set('kb_metric:privacy_kb:private_vs_public', 0.4);
    const { scores } = applyProjections(
      {
        scores: [
          { name: 'outer', inputs: [{ type: 'projection', name: 'inner', weight: 2 }] },
          {
            name: 'inner',
            inputs: [
              { type: 'kb_metric', kb: 'privacy_kb', metric: 'Private_vs_Public', weight: 1 },
            ],
          },
        ],
        mappings: [{ name: 'm', source: 'outer', outputs: [{ name: 'risky', gt: 0.5 }] }],
      },
      state,
    );
    expect(scores.map((s) => s.name)).toEqual(['inner', 'outer']);
    expect(scores[1]?.total).toBeCloseTo(0.8);
    expect(state.matched.get('projection')).toEqual(['risky']);
  });
});
