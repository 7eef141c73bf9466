import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../../src-main/core/config/load';
import type { RouterConfig } from '../../../../src-main/core/config/router-config';
import {
  CostSums,
  estimateCost,
  usageOf,
} from '../../../../src-main/core/services/policy-what-if/run-cost';
import { sampleRecord } from '../../../support/sample-record';

/** A config with the local model and `models` (YAML list items) after it. */
function loaded(models = ''): RouterConfig {
  const result = loadConfigText(`version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - name: local/small
      provider_model_id: small
      backend_refs: [{ name: box, base_url: "http://127.0.0.1:9/v1" }]
${models}routing:
  decisions: []
`);
  if (!result.config) throw new Error(JSON.stringify(result.diagnostics));
  return result.config;
}

function config(cloudPrompt: number, currency = 'EUR'): RouterConfig {
  return loaded(`    - name: cloud/big
      provider_model_id: big-upstream
      pricing: { currency: ${currency}, prompt_per_1m: ${cloudPrompt}, completion_per_1m: 10 }
      backend_refs: [{ name: api, base_url: "https://api.example.invalid/v1" }]
    - name: cloud/mid
      provider_model_id: mid
      pricing: { currency: ${currency}, prompt_per_1m: 1, completion_per_1m: 2 }
      backend_refs: [{ name: api, base_url: "https://api.example.invalid/v1" }]
`);
}

describe('what-if costs', () => {
  it('reads the stored token counts, or none', () => {
    expect(usageOf(sampleRecord())).toBeNull();
    expect(
      usageOf(
        sampleRecord({ prompt_tokens: 1000, completion_tokens: 0, cached_prompt_tokens: 10 }),
      ),
    ).toEqual({ promptTokens: 1000, completionTokens: 0, cachedPromptTokens: 10 });
  });

  it('prices the tokens at the policy rate of the alias (or its upstream id)', () => {
    const usage = { promptTokens: 1_000_000, completionTokens: 500_000 };
    expect(estimateCost(config(4), 'cloud/big', usage)).toBeCloseTo(4 + 5, 10);
    expect(estimateCost(config(6), 'big-upstream', usage)).toBeCloseTo(6 + 5, 10);
    expect(estimateCost(config(4), 'local/small', usage)).toBeNull();
    expect(estimateCost(config(4), null, usage)).toBeNull();
    expect(estimateCost(config(4), 'cloud/big', null)).toBeNull();
  });

  it('sums before, after and the baseline of the edit, unpriced requests adding nothing', () => {
    const sums = new CostSums(config(4));
    const usage = { promptTokens: 1_000_000, completionTokens: 0 };
    sums.add(2, 1, usage, 'USD');
    sums.add(null, null, usage, null);
    sums.add(0.5, null, null, null);
    expect(sums.totals()).toEqual({ before: 2.5, after: 1, baseline: 8, currency: 'EUR' });
  });

  it('has no baseline when no model of the edit is priced', () => {
    const sums = new CostSums(loaded());
    sums.add(1, null, { promptTokens: 10, completionTokens: 1 }, 'USD');
    expect(sums.totals()).toEqual({ before: 1, after: 0, baseline: null, currency: 'USD' });
  });
});
