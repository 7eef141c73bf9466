import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import { seededRandom } from '../../../bench/prompt-corpus';
import { breakingMutation, textualMutation } from '../../support/config-mutator';
import { HAS_SHARED, SHARED_MISSING_REASON, readShared } from '../../support/shared-recipes';

// The loader never crashes on a mutated config, rejects every mutation that
// breaks upstream's rules, and places every problem it reports.

function check(text: string, file: string, mustFail: boolean, kind: string): boolean {
  let result: ReturnType<typeof loadConfigText>;
  try {
    result = loadConfigText(text, file);
  } catch (error) {
    throw new Error(`loader threw on a ${kind} mutation: ${String(error)}`, { cause: error });
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (mustFail) expect(result.config, `${kind} mutation was accepted`).toBeUndefined();
  if (!result.config)
    expect(errors.length, `${kind}: rejected without an error`).toBeGreaterThan(0);
  for (const d of result.diagnostics) {
    expect(d.line, `${kind}: unlocated ${d.code} at ${d.path}`).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.file).toBe(file);
  }
  return result.config === undefined;
}

function fuzz(sources: { name: string; text: string; count: number }[], seed: number) {
  const random = seededRandom(seed);
  let rejected = 0;
  let total = 0;
  for (const source of sources) {
    for (let i = 0; i < source.count; i++) {
      const breaking = i % 2 === 0;
      const mutant = breaking
        ? breakingMutation(source.text, random)
        : textualMutation(source.text, random);
      if (check(mutant.text, `${source.name}#${i}`, breaking, mutant.kind)) rejected++;
      total++;
    }
  }
  return { rejected, total };
}

const OWN_CONFIG = `version: v0.3
providers:
  defaults: { default_model: local }
  models:
    - { name: local, provider_model_id: qwen/qwen3, backend_refs: [{ endpoint: "localhost:8000" }] }
    - { name: cloud, provider_model_id: big/model, pricing: { prompt_per_1m: 1, completion_per_1m: 2 } }
routing:
  modelCards: [{ name: local }, { name: cloud }]
  signals:
    keywords:
      - { name: code, operator: OR, keywords: [python, stack trace] }
      - { name: secret, operator: OR, keywords: [password] }
    context: [{ name: long, min_tokens: 1K, max_tokens: 1M }]
  projections:
    scores:
      - { name: risk, method: weighted_sum, inputs: [{ type: keyword, name: secret, weight: 1 }] }
    mappings:
      - { name: risk_band, source: risk, outputs: [{ name: risky, gte: 0.5 }, { name: calm, lt: 0.5 }] }
  decisions:
    - { name: private, priority: 20, tier: 1, rules: { type: projection, name: risky }, modelRefs: [{ model: local }] }
    - { name: coding, priority: 10, tier: 2, rules: { type: keyword, name: code }, modelRefs: [{ model: cloud }] }
`;

describe('config loader under mutation', () => {
  it('handles 200 mutants of a config of its own', () => {
    expect(loadConfigText(OWN_CONFIG).diagnostics).toEqual([]);
    const { rejected, total } = fuzz([{ name: 'own', text: OWN_CONFIG, count: 200 }], 42);
    expect(total).toBe(200);
    expect(rejected).toBeGreaterThanOrEqual(100);
  });

  it.skipIf(!HAS_SHARED)(
    `handles 1,000 mutants of upstream's recipes (${HAS_SHARED ? 'present' : SHARED_MISSING_REASON})`,
    () => {
      const { rejected, total } = fuzz(
        [
          { name: 'privacy', text: readShared('privacy/config.yaml'), count: 700 },
          { name: 'balance', text: readShared('balance/config.yaml'), count: 300 },
        ],
        7,
      );
      expect(total).toBe(1000);
      expect(rejected).toBeGreaterThanOrEqual(500);
    },
    120_000,
  );
});
