import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, loadConfigText } from '../../../src-main/core/config/load';
import type { RouterConfig } from '../../../src-main/core/config/router-config';
import type { Pricing } from '../../../src-main/core/config/schema/providers';
import {
  baselineModel,
  isPriced,
  priceUsage,
  requestCost,
} from '../../../src-main/core/insights/pricing';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedPath } from '../../support/shared-recipes';

// Cost and savings per response (reference §8.2). Every expected figure is
// worked out by hand in the comment beside it; rates are per 1M tokens.

const BACKEND = 'backend_refs: [{ endpoint: "localhost:8000" }]';

function load(models: string[]): RouterConfig {
  const text = `version: v0.3\nproviders:\n  models:\n${models.map((m) => `    - ${m}\n`).join('')}routing: {}\n`;
  const { config, diagnostics } = loadConfigText(text, 'pricing.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!config) throw new Error('test config did not load');
  return config;
}

// local: free, scores 0. mid: scores 1 + 4 = 5. top: peak input max(3, 3.75) + 15 = 18.75.
// prompty: scores 10 + 1 = 11. plain: unpriced.
const MIXED = load([
  `{ name: local, provider_model_id: qwen/qwen3, ${BACKEND}, pricing: { currency: USD, prompt_per_1m: 0, completion_per_1m: 0 } }`,
  `{ name: mid, pricing: { currency: USD, prompt_per_1m: 1, completion_per_1m: 4, cached_input_per_1m: 0.25 } }`,
  `{ name: top, provider_model_id: vendor/top-1, pricing: { currency: USD, prompt_per_1m: 3, completion_per_1m: 15, cached_input_per_1m: 0.3, cache_write_per_1m: 3.75 } }`,
  `{ name: prompty, pricing: { currency: USD, prompt_per_1m: 10, completion_per_1m: 1 } }`,
  `{ name: plain, ${BACKEND} }`,
]);

function pricingOf(config: RouterConfig, alias: string): Pricing {
  const pricing = config.models.get(alias)?.pricing;
  if (!pricing) throw new Error(`${alias} has no pricing`);
  return pricing;
}

const MID = pricingOf(MIXED, 'mid');
const TOP = pricingOf(MIXED, 'top');
const DIGITS = 12;

describe('isPriced', () => {
  it('counts any non-zero rate, a cache-write rate or a currency as priced', () => {
    expect(isPriced(undefined)).toBe(false);
    expect(isPriced({})).toBe(false);
    expect(isPriced({ prompt_per_1m: 0, completion_per_1m: 0, cached_input_per_1m: 0 })).toBe(
      false,
    );
    expect(isPriced({ currency: '' })).toBe(false);
    expect(isPriced({ currency: 'USD' })).toBe(true);
    expect(isPriced({ cache_write_per_1m: 0 })).toBe(true);
    expect(isPriced({ cached_input_per_1m: 0.1 })).toBe(true);
    expect(isPriced({ completion_per_1m: 2 })).toBe(true);
    expect(isPriced({ prompt_per_1m: -1 })).toBe(true);
  });
});

describe('priceUsage', () => {
  it('prices plain prompt and completion tokens', () => {
    // (2000·1 + 500·4) / 1e6 = 4000 / 1e6
    expect(priceUsage(MID, { promptTokens: 2000, completionTokens: 500 })).toBeCloseTo(
      0.004,
      DIGITS,
    );
  });

  it('prices cached prompt tokens at the cached-input rate', () => {
    // standard 2000 − 800 = 1200 → 1200·1 = 1200; cached 800·0.25 = 200; completion 500·4 = 2000
    // (1200 + 200 + 2000) / 1e6 = 3400 / 1e6
    const usage = { promptTokens: 2000, cachedPromptTokens: 800, completionTokens: 500 };
    expect(priceUsage(MID, usage)).toBeCloseTo(0.0034, DIGITS);
  });

  it('prices cache writes at cache_write_per_1m when it is given', () => {
    // standard 10000 − 4000 − 2000 = 4000 → 4000·3 = 12000; cached 4000·0.3 = 1200;
    // writes 2000·3.75 = 7500; completion 1000·15 = 15000 → 35700 / 1e6
    const usage = {
      promptTokens: 10_000,
      cachedPromptTokens: 4000,
      cacheWriteTokens: 2000,
      completionTokens: 1000,
    };
    expect(priceUsage(TOP, usage)).toBeCloseTo(0.0357, DIGITS);
  });

  it('prices cache writes at the prompt rate without cache_write_per_1m', () => {
    // standard 4000·1 = 4000; cached 4000·0.25 = 1000; writes 2000·1 = 2000 (prompt rate);
    // completion 1000·4 = 4000 → 11000 / 1e6
    const usage = {
      promptTokens: 10_000,
      cachedPromptTokens: 4000,
      cacheWriteTokens: 2000,
      completionTokens: 1000,
    };
    expect(priceUsage(MID, usage)).toBeCloseTo(0.011, DIGITS);
  });

  it('clamps cached tokens to the prompt', () => {
    // cached = min(5000, 1000) = 1000; writes = clamp(300, 0, 1000 − 1000) = 0; standard 0
    // 1000·0.25 = 250 → 250 / 1e6
    const usage = { promptTokens: 1000, cachedPromptTokens: 5000, cacheWriteTokens: 300 };
    expect(priceUsage(MID, usage)).toBeCloseTo(0.00025, DIGITS);
  });

  it('clamps cache writes to the prompt left after cached reads', () => {
    // cached 600; writes = min(900, 1000 − 600) = 400; standard 0
    // 600·0.3 = 180; 400·3.75 = 1500 → 1680 / 1e6
    const usage = { promptTokens: 1000, cachedPromptTokens: 600, cacheWriteTokens: 900 };
    expect(priceUsage(TOP, usage)).toBeCloseTo(0.00168, DIGITS);
  });

  it('reads negative token counts as 0', () => {
    // cached −50 → 0, completion −10 → 0: standard 1000·1 = 1000 → 1000 / 1e6
    const usage = { promptTokens: 1000, cachedPromptTokens: -50, completionTokens: -10 };
    expect(priceUsage(MID, usage)).toBeCloseTo(0.001, DIGITS);
  });

  it('treats negative rates as 0', () => {
    // standard 1000 − 200 − 300 = 500 at max(−2, 0) = 0; cached 200 at 0; writes 300 at 0;
    // completion 100·4 = 400 → 400 / 1e6
    const negative: Pricing = {
      prompt_per_1m: -2,
      completion_per_1m: 4,
      cached_input_per_1m: -1,
      cache_write_per_1m: -3,
    };
    const usage = {
      promptTokens: 1000,
      cachedPromptTokens: 200,
      cacheWriteTokens: 300,
      completionTokens: 100,
    };
    expect(priceUsage(negative, usage)).toBeCloseTo(0.0004, DIGITS);
    // Without a cache-write rate, writes fall back to the (negative → 0) prompt rate:
    // writes 300·0 = 0; completion 100·4 = 400 → 400 / 1e6
    expect(priceUsage({ prompt_per_1m: -2, completion_per_1m: 4 }, usage)).toBeCloseTo(
      0.0004,
      DIGITS,
    );
  });
});

describe('baselineModel', () => {
  it('is the priced model with the highest peak input plus completion rate', () => {
    // local 0, mid 5, top max(3, 3.75) + 15 = 18.75, prompty 11 → top
    expect(baselineModel(MIXED)).toEqual({ alias: 'top', pricing: TOP });
  });

  it('counts a cache-write rate above the prompt rate', () => {
    // a: 5 + 10 = 15; b: max(2, 8) + 10 = 18 → b
    const config = load([
      `{ name: a, pricing: { prompt_per_1m: 5, completion_per_1m: 10 } }`,
      `{ name: b, pricing: { prompt_per_1m: 2, cache_write_per_1m: 8, completion_per_1m: 10 } }`,
    ]);
    expect(baselineModel(config)?.alias).toBe('b');
  });

  it('breaks ties by config order', () => {
    // first: 2 + 8 = 10; second: 4 + 6 = 10 → first, in either order
    const first = `{ name: first, pricing: { prompt_per_1m: 2, completion_per_1m: 8 } }`;
    const second = `{ name: second, pricing: { prompt_per_1m: 4, completion_per_1m: 6 } }`;
    expect(baselineModel(load([first, second]))?.alias).toBe('first');
    expect(baselineModel(load([second, first]))?.alias).toBe('second');
  });

  it('is a free model when that is the only priced one, and absent with none priced', () => {
    const free = `{ name: free, ${BACKEND}, pricing: { currency: USD, prompt_per_1m: 0 } }`;
    const plain = `{ name: plain, ${BACKEND} }`;
    expect(baselineModel(load([plain, free]))?.alias).toBe('free');
    expect(baselineModel(load([plain]))).toBeUndefined();
  });
});

describe('requestCost', () => {
  it('gives a free local model cost 0 and the whole baseline cost as savings', () => {
    // actual 0; baseline top: (1000·3 + 200·15) / 1e6 = 6000 / 1e6
    const cost = requestCost(MIXED, 'local', { promptTokens: 1000, completionTokens: 200 });
    expect(cost).not.toBeNull();
    expect(cost?.actual_cost).toBe(0);
    expect(cost?.baseline_cost).toBeCloseTo(0.006, DIGITS);
    expect(cost?.cost_savings).toBeCloseTo(0.006, DIGITS);
    expect(cost?.currency).toBe('USD');
    expect(cost?.baseline_model).toBe('top');
  });

  it('prices the baseline with the same cache breakdown', () => {
    // usage: prompt 10000 (cached 4000, writes 2000), completion 1000
    // actual mid = 0.011 and baseline top = 0.0357 (both worked out above)
    // savings 0.0357 − 0.011 = 0.0247
    const cost = requestCost(MIXED, 'mid', {
      promptTokens: 10_000,
      cachedPromptTokens: 4000,
      cacheWriteTokens: 2000,
      completionTokens: 1000,
    });
    expect(cost?.actual_cost).toBeCloseTo(0.011, DIGITS);
    expect(cost?.baseline_cost).toBeCloseTo(0.0357, DIGITS);
    expect(cost?.cost_savings).toBeCloseTo(0.0247, DIGITS);
  });

  it('finds the selected model by its provider model id too', () => {
    // selected is top itself via vendor/top-1: (100·3 + 10·15) / 1e6 = 450 / 1e6
    const cost = requestCost(MIXED, 'vendor/top-1', { promptTokens: 100, completionTokens: 10 });
    expect(cost?.actual_cost).toBeCloseTo(0.00045, DIGITS);
    expect(cost?.baseline_model).toBe('top');
    expect(cost?.cost_savings).toBe(0);
  });

  it('reports savings 0 when the baseline itself was selected', () => {
    // (2000·3 + 300·15) / 1e6 = (6000 + 4500) / 1e6 = 10500 / 1e6 for both
    const cost = requestCost(MIXED, 'top', { promptTokens: 2000, completionTokens: 300 });
    expect(cost?.actual_cost).toBeCloseTo(0.0105, DIGITS);
    expect(cost?.baseline_cost).toBe(cost?.actual_cost);
    expect(cost?.cost_savings).toBe(0);
  });

  it('lets savings go negative when the selected model cost more for this split', () => {
    // prompty (score 11 < 18.75): 1000·10 = 10000 → 0.01; top: 1000·3 = 3000 → 0.003
    // savings 0.003 − 0.01 = −0.007, not clamped
    const cost = requestCost(MIXED, 'prompty', { promptTokens: 1000, completionTokens: 0 });
    expect(cost?.actual_cost).toBeCloseTo(0.01, DIGITS);
    expect(cost?.baseline_cost).toBeCloseTo(0.003, DIGITS);
    expect(cost?.cost_savings).toBeCloseTo(-0.007, DIGITS);
  });

  it('is null for an unpriced or unknown selected model', () => {
    const usage = { promptTokens: 1000, completionTokens: 100 };
    expect(requestCost(MIXED, 'plain', usage)).toBeNull();
    expect(requestCost(MIXED, 'no-such-model', usage)).toBeNull();
  });

  it('is null without prompt or completion tokens', () => {
    expect(requestCost(MIXED, 'mid', {})).toBeNull();
    expect(requestCost(MIXED, 'mid', { promptTokens: 0, completionTokens: 0 })).toBeNull();
    expect(
      requestCost(MIXED, 'mid', { totalTokens: 50, cachedPromptTokens: 20, cacheWriteTokens: 5 }),
    ).toBeNull();
  });

  it("takes the selected model's currency, else the baseline's, else USD", () => {
    const usage = { promptTokens: 1000, completionTokens: 0 };
    const euros = load([
      `{ name: cheap, pricing: { prompt_per_1m: 1 } }`,
      `{ name: dear, pricing: { currency: EUR, prompt_per_1m: 9 } }`,
      `{ name: yen, pricing: { currency: JPY, prompt_per_1m: 2 } }`,
    ]);
    expect(requestCost(euros, 'yen', usage)?.currency).toBe('JPY');
    expect(requestCost(euros, 'cheap', usage)?.currency).toBe('EUR');
    const bare = load([
      `{ name: cheap, pricing: { prompt_per_1m: 1 } }`,
      `{ name: dear, pricing: { prompt_per_1m: 9 } }`,
    ]);
    expect(requestCost(bare, 'cheap', usage)?.currency).toBe('USD');
  });
});

const SHARED_STATE = HAS_SHARED ? 'present' : SHARED_MISSING_REASON;

async function loadFile(path: string): Promise<RouterConfig> {
  const { config, diagnostics } = await loadConfigFile(path);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!config) throw new Error(`${path} did not load`);
  return config;
}

describe('baselines of the recipes', () => {
  it.skipIf(!HAS_SHARED)(
    `upstream balance → anthropic/claude-opus-4.6 (${SHARED_STATE})`,
    async () => {
      const config = await loadFile(sharedPath('balance/config.yaml'));
      expect(baselineModel(config)?.alias).toBe('anthropic/claude-opus-4.6');
      // free qwen selected: actual 0; opus (1.8 / 7.2): (1000·1.8 + 100·7.2) / 1e6 = 2520 / 1e6
      const cost = requestCost(config, 'qwen/qwen3.5-rocm', {
        promptTokens: 1000,
        completionTokens: 100,
      });
      expect(cost?.actual_cost).toBe(0);
      expect(cost?.cost_savings).toBeCloseTo(0.00252, DIGITS);
    },
  );

  it.skipIf(!HAS_SHARED)(
    `upstream privacy → cloud/frontier-reasoning (${SHARED_STATE})`,
    async () => {
      const config = await loadFile(sharedPath('privacy/config.yaml'));
      expect(baselineModel(config)?.alias).toBe('cloud/frontier-reasoning');
    },
  );

  it("Homelane's privacy recipe → homelane/cloud-frontier", async () => {
    const path = fileURLToPath(new URL('../../../recipes/privacy/config.yaml', import.meta.url));
    const config = await loadFile(path);
    expect(baselineModel(config)?.alias).toBe('homelane/cloud-frontier');
  });
});
