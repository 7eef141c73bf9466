import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleNode } from '../../../src-main/core/config/schema/common';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { RawConfig } from '../../../src-main/core/config/schema/config';
import { ConfigSchema } from '../../../src-main/core/config/schema/config';
import { compileDsl } from '../../../src-main/core/dsl/compile-dsl';
import { decompileConfig } from '../../../src-main/core/dsl/decompile/decompile';
import { Router } from '../../../src-main/core/router/router';

// compile ∘ decompile preserves meaning: random policies (keyword signals, a
// score with threshold bands, decisions with nested AND/OR/NOT trees —
// NOT over AND included) are printed as DSL and compiled back, and both
// routers must pick the same decision for every generated request.

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];

interface Policy {
  signals: number;
  bands: boolean;
  decisions: { priority: number; tier: number; rules: RuleNode | undefined }[];
}

function leaf(signals: number, bands: boolean): fc.Arbitrary<RuleNode> {
  const keyword = fc
    .integer({ min: 0, max: signals - 1 })
    .map((i): RuleNode => ({ type: 'keyword', name: `k${i}` }));
  if (!bands) return keyword;
  const band = fc
    .constantFrom('low', 'high')
    .map((name): RuleNode => ({ type: 'projection', name }));
  return fc.oneof({ arbitrary: keyword, weight: 3 }, { arbitrary: band, weight: 1 });
}

function tree(signals: number, bands: boolean): fc.Arbitrary<RuleNode> {
  const { node } = fc.letrec<{ node: RuleNode }>((self) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf(signals, bands),
      fc
        .record({
          operator: fc.constantFrom('AND', 'OR'),
          conditions: fc.array(self('node'), { minLength: 1, maxLength: 3 }),
        })
        .map((n): RuleNode => n),
      self('node').map((child): RuleNode => ({ operator: 'NOT', conditions: [child] })),
      // NOT over AND: the shape upstream's decompiler prints without parentheses.
      fc.array(self('node'), { minLength: 2, maxLength: 3 }).map((c): RuleNode => ({
        operator: 'NOT',
        conditions: [{ operator: 'AND', conditions: c }],
      })),
    ),
  }));
  return node;
}

const policy: fc.Arbitrary<Policy> = fc
  .record({ signals: fc.integer({ min: 2, max: WORDS.length }), bands: fc.boolean() })
  .chain(({ signals, bands }) =>
    fc.record({
      signals: fc.constant(signals),
      bands: fc.constant(bands),
      decisions: fc.array(
        fc.record({
          priority: fc.integer({ min: 0, max: 300 }),
          tier: fc.integer({ min: 0, max: 3 }),
          rules: fc.option(tree(signals, bands), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 5 },
      ),
    }),
  );

function toConfig(p: Policy): RawConfig {
  const keywords = Array.from({ length: p.signals }, (_, i) => ({
    name: `k${i}`,
    operator: 'OR',
    keywords: [WORDS[i] as string],
  }));
  const projections = p.bands
    ? {
        scores: [
          {
            name: 'pressure',
            method: 'weighted_sum',
            inputs: keywords.map((k, i) => ({
              type: 'keyword',
              name: k.name,
              weight: (i + 1) / 10,
            })),
          },
        ],
        mappings: [
          {
            name: 'pressure_band',
            source: 'pressure',
            method: 'threshold_bands',
            outputs: [
              { name: 'low', lt: 0.3 },
              { name: 'high', gte: 0.3 },
            ],
          },
        ],
      }
    : undefined;
  return ConfigSchema.parse({
    version: 'v0.3',
    routing: {
      modelCards: [{ name: 'model-a' }, { name: 'model-b' }],
      signals: { keywords },
      ...(projections ? { projections } : {}),
      decisions: p.decisions.map((d, i) => ({
        name: `route_${i}`,
        priority: d.priority,
        ...(d.tier > 0 ? { tier: d.tier } : {}),
        ...(d.rules ? { rules: d.rules } : {}),
        modelRefs: [{ model: i % 2 === 0 ? 'model-a' : 'model-b' }],
      })),
    },
  });
}

const requests = fc.array(fc.subarray(WORDS), { minLength: 6, maxLength: 6 });

describe('compile ∘ decompile preserves routing meaning', () => {
  it('picks the same decision for generated requests under the original and the round-tripped policy', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(policy, requests, async (p, texts) => {
        const raw = toConfig(p);
        const original = loadConfigText(JSON.stringify(raw), 'original.yaml');
        expect(original.config, JSON.stringify(original.diagnostics)).toBeDefined();
        const dsl = decompileConfig(raw);
        const compiled = compileDsl(dsl, 'round-trip.dsl');
        expect(
          compiled.diagnostics.filter((d) => d.severity !== 'warning'),
          dsl,
        ).toEqual([]);
        expect(compiled.config).toBeDefined();
        const [before, after] = await Promise.all([
          Router.create(original.config!),
          Router.create(compiled.config!),
        ]);
        for (const words of texts) {
          const text = words.length > 0 ? `please ${words.join(' and ')}` : 'nothing to see';
          const [a, b] = await Promise.all([before.route({ text }), after.route({ text })]);
          expect(b.decision, `${text}\n${dsl}`).toBe(a.decision);
          checked += 1;
        }
      }),
      { numRuns: 80, seed: 20261125 },
    );
    expect(checked).toBe(80 * 6);
  });
});
