import { describe, expect, it } from 'vitest';
import {
  PROTOTYPE_BEST_WEIGHT,
  PROTOTYPE_CLUSTER_THRESHOLD,
  PROTOTYPE_MAX_PROTOTYPES,
  PROTOTYPE_TOP_M,
  buildPrototypeBank,
  embedPrototypeBanks,
  scorePrototypeBank,
} from '../../../src-main/core/ml/prototype-bank';
import { atAngle, lookupEmbedder, normalize } from '../../support/hand-made-models';

const item = (text: string, vector: readonly number[]) => ({ text, vector: normalize(vector) });

describe('prototype bank defaults', () => {
  it('are upstream’s', () => {
    expect([
      PROTOTYPE_CLUSTER_THRESHOLD,
      PROTOTYPE_MAX_PROTOTYPES,
      PROTOTYPE_BEST_WEIGHT,
      PROTOTYPE_TOP_M,
    ]).toEqual([0.9, 8, 0.75, 2]);
  });
});

describe('buildPrototypeBank', () => {
  it('clusters near-duplicates (cos ≥ 0.9) and represents them by their medoid', () => {
    // 0°, 10°, 20° are all within cos 0.94 of each other; 90° stands alone.
    const bank = buildPrototypeBank([
      item('zero', atAngle(0)),
      item('twenty', atAngle(20)),
      item('ten', atAngle(10)),
      item('far', atAngle(90)),
    ]);
    expect(bank.prototypes.map((p) => p.text)).toEqual(['ten', 'far']);
    expect(bank.prototypes[0]?.members).toEqual(['ten', 'zero', 'twenty']);
    // The medoid's mean similarity to the others: (cos 10° + cos 10°) / 2.
    expect(bank.prototypes[0]?.avgSimilarity).toBeCloseTo(Math.cos(Math.PI / 18), 6);
  });

  it('seeds with the largest cluster, not the first item', () => {
    // 0° and 40° are 0.77 apart, but 20° reaches both: one cluster around 20°.
    const bank = buildPrototypeBank([
      item('a-first', atAngle(0)),
      item('b-middle', atAngle(20)),
      item('c-last', atAngle(40)),
    ]);
    expect(bank.prototypes.map((p) => p.text)).toEqual(['b-middle']);
    expect(bank.prototypes[0]?.members).toHaveLength(3);
  });

  it('breaks a tie between equally large seeds by the lexicographically smaller text', () => {
    // Seeds at 20° ("c") and 40° ("a") both reach three items; "a" wins, so
    // its cluster is {20°, 40°, 60°} and 0° ("b") is left on its own.
    const bank = buildPrototypeBank([
      item('b', atAngle(0)),
      item('c', atAngle(20)),
      item('a', atAngle(40)),
      item('d', atAngle(60)),
    ]);
    expect(bank.prototypes.map((p) => p.text)).toEqual(['a', 'b']);
    expect(bank.prototypes[0]?.members.sort()).toEqual(['a', 'c', 'd']);
  });

  it('counts identical candidate texts once', () => {
    const bank = buildPrototypeBank([
      item('x', atAngle(0)),
      item('y', atAngle(90)),
      item('y', atAngle(90)),
    ]);
    // Had "y" counted twice, its cluster would be larger and sort first.
    expect(bank.prototypes.map((p) => p.text)).toEqual(['x', 'y']);
  });

  it('sorts clusters by size, then by text, and keeps at most 8', () => {
    const basis = (i: number) => Array.from({ length: 10 }, (_, j) => (i === j ? 1 : 0));
    const items = Array.from({ length: 10 }, (_, i) => item(`t${9 - i}`, basis(i)));
    const bank = buildPrototypeBank(items);
    expect(bank.prototypes.map((p) => p.text)).toEqual([
      't0',
      't1',
      't2',
      't3',
      't4',
      't5',
      't6',
      't7',
    ]);
  });
});

describe('scorePrototypeBank', () => {
  // Cosines 0.9, 0.5 and 0.1 with the query, pointing away from each other
  // so that none of them cluster.
  const bank = buildPrototypeBank([
    item('close', [0.9, Math.sqrt(1 - 0.81), 0]),
    item('middle', [0.5, 0, Math.sqrt(0.75)]),
    item('far', [0.1, -Math.sqrt(0.99), 0]),
  ]);
  const query = normalize([1, 0, 0]);

  it('blends 0.75·best + 0.25·mean(top-2) for max, any and the default', () => {
    const expected = 0.75 * 0.9 + 0.25 * ((0.9 + 0.5) / 2);
    for (const aggregation of ['max', 'any', undefined]) {
      const score = scorePrototypeBank(bank, query, aggregation);
      expect(score.score).toBeCloseTo(expected, 6);
      expect(score.best).toBeCloseTo(0.9, 6);
      expect(score.support).toBeCloseTo(0.7, 6);
      expect(score.prototypeCount).toBe(3);
    }
  });

  it('averages every prototype for mean', () => {
    expect(scorePrototypeBank(bank, query, 'mean').score).toBeCloseTo(0.5, 6);
  });

  it('scores an empty bank 0', () => {
    expect(scorePrototypeBank({ prototypes: [] }, query)).toMatchObject({
      score: 0,
      prototypeCount: 0,
    });
  });
});

describe('embedPrototypeBanks', () => {
  it('embeds every distinct text once, in one batch, and builds one bank per set', async () => {
    const embedder = lookupEmbedder({ a: [1, 0], b: [0, 1], c: [1, 1] });
    const banks = await embedPrototypeBanks(embedder, [
      ['a', 'b', 'a'],
      ['b', 'c', '  '],
    ]);
    expect(embedder.calls).toEqual([['a', 'b', 'c']]);
    expect(banks.map((bank) => bank.prototypes.length)).toEqual([2, 2]);
  });
});
