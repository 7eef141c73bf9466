import { z } from 'zod';

// The Insights page's numbers: the same aggregate GET /api/v1/insights
// serves, over the records created between `from` and `to` (inclusive ISO
// times; both optional). Field names follow that route.

export const InsightsGetInputSchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const InsightsBreakdownSchema = z.object({
  name: z.string(),
  requests: z.number(),
  tokens: z.number(),
  actual_cost: z.number(),
  cost_savings: z.number(),
});

export const InsightsSchema = z.object({
  record_count: z.number(),
  lifecycle: z.object({
    completed: z.number(),
    failed: z.number(),
    aborted: z.number(),
    in_progress: z.number(),
  }),
  summary: z.object({
    total_saved: z.number(),
    baseline_spend: z.number(),
    actual_spend: z.number(),
    currency: z.string(),
    cost_record_count: z.number(),
    excluded_record_count: z.number(),
  }),
  token_volume: z.object({
    input_tokens: z.number(),
    output_tokens: z.number(),
    total_tokens: z.number(),
  }),
  privacy: z.object({
    private_requests: z.number(),
    kept_local: z.number(),
    guard_reroutes: z.number(),
  }),
  by_decision: z.array(InsightsBreakdownSchema),
  by_model: z.array(InsightsBreakdownSchema),
  by_lane: z.array(InsightsBreakdownSchema),
  by_locality: z.array(InsightsBreakdownSchema),
  /** One row per UTC day (`YYYY-MM-DD`), oldest first. */
  by_day: z.array(InsightsBreakdownSchema),
});

export type InsightsGetInput = z.infer<typeof InsightsGetInputSchema>;
export type InsightsBreakdown = z.infer<typeof InsightsBreakdownSchema>;
export type Insights = z.infer<typeof InsightsSchema>;
