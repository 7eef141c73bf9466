import { z } from 'zod';
import { LocalitySchema } from './lanes';
import { EditedPolicyInputSchema } from './policy-edit';

// Policy what-if: before an edited policy is applied, the stored requests
// (their stored bodies, in their conversations) are routed again under it
// and compared with what happened: decisions, lanes, requests that would
// leave the machine, private requests (which must never leave it), cost and
// savings. Nothing is generated, recorded or applied.

/** The most stored requests one what-if routes again. */
export const WHAT_IF_MAX_RECORDS = 5000;
/** The most changed requests listed in one answer. */
export const WHAT_IF_MAX_CHANGES = 500;

export const PolicyWhatIfInputSchema = EditedPolicyInputSchema.extend({
  /** The newest this many stored requests (default 1000). */
  limit: z.number().int().min(1).max(WHAT_IF_MAX_RECORDS).optional(),
  /** Only requests stored at or after this instant (ISO 8601). */
  since: z.string().datetime({ offset: true }).optional(),
}).strict();

/** Where one request went (or would go). */
export const WhatIfRouteSchema = z.object({
  decision: z.string().nullable(),
  model: z.string().nullable(),
  /** Null when no lane serves the model (the request would fail with "no lane"). */
  lane: z.string().nullable(),
  locality: LocalitySchema.nullable(),
  /** Estimated from the stored token counts and the policy's prices; null without them. */
  cost: z.number().nullable(),
});

export const WhatIfChangeSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  /** The start of the prompt as stored (masked as the store keeps it). */
  prompt: z.string(),
  private: z.boolean(),
  before: WhatIfRouteSchema,
  after: WhatIfRouteSchema,
  /** What differs: `decision`, `model`, `lane`, `locality`. */
  changed: z.array(z.enum(['decision', 'model', 'lane', 'locality'])),
  /** The stored body was cut at capture, so the re-route read only part of the request. */
  truncated: z.boolean(),
  /** The request would leave the machine under the edit and did not before. */
  leaves: z.boolean(),
});

export const PolicyWhatIfSchema = z.object({
  /** Stored requests looked at. */
  considered: z.number().int().min(0),
  /** Routed again (the others had no stored body or prompt to route). */
  rerouted: z.number().int().min(0),
  skipped: z.number().int().min(0),
  changed: z.number().int().min(0),
  decisionChanges: z.number().int().min(0),
  laneChanges: z.number().int().min(0),
  /** Requests that would go to a cloud lane under the edit and did not before. */
  newlyLeaving: z.number().int().min(0),
  /** Requests that would go to a cloud lane under the edit, in all. */
  offMachine: z.number().int().min(0),
  /** Private requests that would leave the machine: the privacy guard keeps this at zero. */
  privateOffMachine: z.number().int().min(0),
  /** Stored bodies cut at capture among the ones routed again. */
  truncated: z.number().int().min(0),
  cost: z.object({
    before: z.number(),
    after: z.number(),
    /** The same requests at the baseline model's price, for savings. */
    baseline: z.number().nullable(),
    currency: z.string().nullable(),
  }),
  /** The changed requests, newest first, at most WHAT_IF_MAX_CHANGES. */
  changes: z.array(WhatIfChangeSchema),
  /** True when more requests changed than are listed. */
  changesTruncated: z.boolean(),
  durationMs: z.number().min(0),
});

export type PolicyWhatIfInput = z.input<typeof PolicyWhatIfInputSchema>;
export type WhatIfRoute = z.infer<typeof WhatIfRouteSchema>;
export type WhatIfChange = z.infer<typeof WhatIfChangeSchema>;
export type PolicyWhatIf = z.infer<typeof PolicyWhatIfSchema>;
