import { resolveModel } from '../../config/normalize';
import type { RouterConfig } from '../../config/router-config';
import type { PricedUsage } from '../../insights/pricing';
import { baselineModel, isPriced, priceUsage } from '../../insights/pricing';
import type { RoutingRecord } from '../../replay/record-types';

// What the requests cost: the stored token counts priced under a policy's
// prices. Before is what was recorded (or, when it was not, the same estimate
// under the policy in force); after is the edit's price for the model that
// would answer; the baseline is the edit's most expensive priced model for
// the same tokens, as insights counts savings. A model without a price adds
// nothing to a sum (a local model costs nothing to an account).

type UsageFields = Pick<
  RoutingRecord,
  'prompt_tokens' | 'completion_tokens' | 'cached_prompt_tokens' | 'cache_write_tokens'
>;

/** The stored token counts, or null when the request has none. */
export function usageOf(record: UsageFields): PricedUsage | null {
  const prompt = record.prompt_tokens ?? 0;
  const completion = record.completion_tokens ?? 0;
  if (prompt <= 0 && completion <= 0) return null;
  return {
    promptTokens: prompt,
    completionTokens: completion,
    ...(record.cached_prompt_tokens !== null
      ? { cachedPromptTokens: record.cached_prompt_tokens }
      : {}),
    ...(record.cache_write_tokens !== null ? { cacheWriteTokens: record.cache_write_tokens } : {}),
  };
}

/** The tokens at `alias`'s price in `config`; null without tokens, alias or price. */
export function estimateCost(
  config: RouterConfig,
  alias: string | null,
  usage: PricedUsage | null,
): number | null {
  if (usage === null || alias === null) return null;
  const model = resolveModel(config, alias);
  if (!model || !isPriced(model.pricing)) return null;
  return priceUsage(model.pricing, usage);
}

export interface CostTotals {
  before: number;
  after: number;
  baseline: number | null;
  currency: string | null;
}

/** Sums of the requests routed again. */
export class CostSums {
  private before = 0;
  private after = 0;
  private baseline = 0;
  private storedCurrency: string | null = null;
  private readonly baselineOf: ReturnType<typeof baselineModel>;

  constructor(edited: RouterConfig) {
    this.baselineOf = baselineModel(edited);
  }

  add(
    before: number | null,
    after: number | null,
    usage: PricedUsage | null,
    currency: string | null,
  ): void {
    this.before += before ?? 0;
    this.after += after ?? 0;
    if (usage !== null && this.baselineOf)
      this.baseline += priceUsage(this.baselineOf.pricing, usage);
    if (this.storedCurrency === null && currency) this.storedCurrency = currency;
  }

  totals(): CostTotals {
    const named = this.baselineOf?.pricing.currency;
    return {
      before: this.before,
      after: this.after,
      baseline: this.baselineOf ? this.baseline : null,
      currency: named !== undefined && named !== '' ? named : this.storedCurrency,
    };
  }
}
