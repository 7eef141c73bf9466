import { z } from 'zod';

// Lanes as the UI sees them: every lane with its locality and health, the
// managed containers' specs and the LAN endpoints added on this machine.

export const LocalitySchema = z.enum(['local', 'lan', 'cloud']);
export const LaneHealthStateSchema = z.enum(['unknown', 'healthy', 'degraded', 'down']);

export const LaneHealthSchema = z.object({
  state: LaneHealthStateSchema,
  /** Epoch ms of the last state change. */
  since: z.number(),
  lastCheckedAt: z.number().nullable(),
  lastLatencyMs: z.number().nullable(),
  avgLatencyMs: z.number().nullable(),
  checks: z.number(),
  failures: z.number(),
  consecutiveFailures: z.number(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export const LaneViewSchema = z.object({
  id: z.string(),
  alias: z.string(),
  origin: z.enum(['config', 'managed', 'lan']),
  /** The managed lane or LAN endpoint behind it. */
  source: z.string().nullable(),
  locality: LocalitySchema,
  localitySource: z.string(),
  upstreamModelId: z.string(),
  apiFormat: z.enum(['openai', 'anthropic']),
  baseUrl: z.string().nullable(),
  unroutable: z.string().nullable(),
  /** Null for lanes that are not watched (unroutable ones). */
  health: LaneHealthSchema.nullable(),
});

export const LanEndpointViewSchema = z.object({
  name: z.string(),
  baseUrl: z.string(),
  kind: z.string(),
  aliases: z.record(z.string(), z.string()),
  locality: LocalitySchema.nullable(),
});

export const ManagedLaneViewSchema = z.object({
  name: z.string(),
  image: z.string(),
  model: z.string(),
  servedModelNames: z.array(z.string()),
  baseUrl: z.string(),
  network: z.string(),
});

export const LanesListInputSchema = z.object({}).strict();
export const LanesListSchema = z.object({
  lanes: z.array(LaneViewSchema),
  endpoints: z.array(LanEndpointViewSchema),
  managed: z.array(ManagedLaneViewSchema),
  /** Why the saved lanes could not be read (the file is left untouched); null when fine. */
  storeProblem: z.string().nullable(),
});

export const LanesCheckInputSchema = z
  .object({
    /** A lane id; all watched lanes when absent. */
    laneId: z.string().optional(),
  })
  .strict();
export const LanesCheckSchema = z.object({
  lanes: z.array(LaneViewSchema),
});

/** Pushed when a lane's health state changes. */
export const LaneHealthChangeSchema = z.object({
  laneId: z.string(),
  from: LaneHealthStateSchema,
  to: LaneHealthStateSchema,
  health: LaneHealthSchema,
});

export type LaneView = z.infer<typeof LaneViewSchema>;
export type LaneHealthView = z.infer<typeof LaneHealthSchema>;
export type LanesList = z.infer<typeof LanesListSchema>;
export type LaneHealthChange = z.infer<typeof LaneHealthChangeSchema>;
