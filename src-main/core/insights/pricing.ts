import { resolveModel } from '../config/normalize';
import type { RouterConfig } from '../config/router-config';
import type { Pricing } from '../config/schema/providers';
import type { Usage } from '../lanes/chat-types';

// What one answer cost, what the most expensive configured model would have
// charged for the same tokens, and the difference (reference §8.2). Pure
// functions over the loaded config: nothing here does I/O.

const TOKENS_PER_RATE = 1_000_000;
const DEFAULT_CURRENCY = 'USD';

/** A response's token counts. Cached reads and cache writes are part of `promptTokens`. */
export interface PricedUsage extends Usage {
  cachedPromptTokens?: number;
  cacheWriteTokens?: number;
}

/** The five cost fields of a replay record; all present or none. */
export interface RequestCost {
  actual_cost: number;
  baseline_cost: number;
  /** baseline − actual; not clamped, so it is negative when the selected model cost more. */
  cost_savings: number;
  currency: string;
  baseline_model: string;
}

export interface BaselineModel {
  alias: string;
  pricing: Pricing;
}

/**
 * A model counts as priced when any rate is non-zero, a cache-write rate is
 * given, or a currency is named — so a free local model priced at 0 with a
 * currency costs 0 instead of being left out.
 */
export function isPriced(pricing: Pricing | undefined): pricing is Pricing {
  if (!pricing) return false;
  return (
    (pricing.currency ?? '') !== '' ||
    (pricing.prompt_per_1m ?? 0) !== 0 ||
    (pricing.completion_per_1m ?? 0) !== 0 ||
    (pricing.cached_input_per_1m ?? 0) !== 0 ||
    pricing.cache_write_per_1m !== undefined
  );
}

/**
 * The cost of one response. Cached reads come out of the prompt first, then
 * cache writes out of what is left; the rest is standard input. Negative
 * rates count as 0; without a cache-write rate, writes cost the prompt rate.
 */
export function priceUsage(pricing: Pricing, usage: PricedUsage): number {
  const prompt = tokens(usage.promptTokens);
  const completion = tokens(usage.completionTokens);
  const cached = clamp(tokens(usage.cachedPromptTokens), prompt);
  const cacheWrite = clamp(tokens(usage.cacheWriteTokens), prompt - cached);
  const standard = prompt - cached - cacheWrite;
  const promptRate = rate(pricing.prompt_per_1m);
  const cacheWriteRate =
    pricing.cache_write_per_1m === undefined ? promptRate : rate(pricing.cache_write_per_1m);
  return (
    (standard * promptRate +
      cached * rate(pricing.cached_input_per_1m) +
      cacheWrite * cacheWriteRate +
      completion * rate(pricing.completion_per_1m)) /
    TOKENS_PER_RATE
  );
}

/**
 * The savings baseline: the priced model with the highest peak input rate
 * (prompt, or the cache-write rate when that is higher) plus completion rate.
 * Upstream walks an unordered map, so its choice between equal scores varies
 * from run to run; here the first such model in config order always wins.
 */
export function baselineModel(config: RouterConfig): BaselineModel | undefined {
  let best: BaselineModel | undefined;
  let bestScore = 0;
  for (const model of config.models.values()) {
    const pricing = model.pricing;
    if (!isPriced(pricing)) continue;
    const score = peakInputRate(pricing) + (pricing.completion_per_1m ?? 0);
    if (!best || score > bestScore) {
      best = { alias: model.alias, pricing };
      bestScore = score;
    }
  }
  return best;
}

/**
 * The cost fields for one response from `selectedAlias` (an alias or a
 * provider model id). Null when there were no prompt or completion tokens,
 * or when the selected model or every configured model is unpriced.
 */
export function requestCost(
  config: RouterConfig,
  selectedAlias: string,
  usage: PricedUsage,
): RequestCost | null {
  if (tokens(usage.promptTokens) + tokens(usage.completionTokens) === 0) return null;
  const selected = resolveModel(config, selectedAlias);
  if (!selected || !isPriced(selected.pricing)) return null;
  const baseline = baselineModel(config);
  if (!baseline) return null;

  const actual = priceUsage(selected.pricing, usage);
  const baselineIsSelected = baseline.alias === selected.alias;
  const baselineCost = baselineIsSelected ? actual : priceUsage(baseline.pricing, usage);
  return {
    actual_cost: actual,
    baseline_cost: baselineCost,
    cost_savings: baselineIsSelected ? 0 : baselineCost - actual,
    currency: currencyOf(selected.pricing) ?? currencyOf(baseline.pricing) ?? DEFAULT_CURRENCY,
    baseline_model: baseline.alias,
  };
}

function peakInputRate(pricing: Pricing): number {
  const prompt = pricing.prompt_per_1m ?? 0;
  const cacheWrite = pricing.cache_write_per_1m;
  return cacheWrite !== undefined && cacheWrite > prompt ? cacheWrite : prompt;
}

function currencyOf(pricing: Pricing): string | undefined {
  return pricing.currency === undefined || pricing.currency === '' ? undefined : pricing.currency;
}

/** A token count as a non-negative number; missing or unreadable counts are 0. */
function tokens(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

function rate(value: number | undefined): number {
  return value !== undefined && value > 0 ? value : 0;
}

function clamp(value: number, max: number): number {
  return Math.min(Math.max(value, 0), max);
}
