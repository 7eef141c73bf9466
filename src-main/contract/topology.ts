import { z } from 'zod';
import { LocalitySchema } from './lanes';

// The routing profile in force as a graph (signals → projections → decisions
// → models → lanes) and a prompt's route through it, for the Topology page.

export const TopologyNodeKindSchema = z.enum(['signal', 'projection', 'decision', 'model', 'lane']);

export const TopologyNodeSchema = z.object({
  /** `kind:…`, unique in the graph (e.g. `signal:keyword:code`, `decision:coding`). */
  id: z.string(),
  kind: TopologyNodeKindSchema,
  label: z.string(),
  /** Signal type, projection kind (`score` or the mapping's name), or the kind itself. */
  group: z.string(),
  tier: z.number().nullable(),
  priority: z.number().nullable(),
  locality: LocalitySchema.nullable(),
});

export const TopologyEdgeSchema = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
});

export const TopologyGetInputSchema = z.object({}).strict();
export const TopologyGetSchema = z.object({
  /** The profile drawn; null when no profile is loaded (nodes and edges are then empty). */
  profile: z.string().nullable(),
  nodes: z.array(TopologyNodeSchema),
  edges: z.array(TopologyEdgeSchema),
});

export const TopologyTestInputSchema = z
  .object({ text: z.string().trim().min(1, 'Type a prompt to test.').max(20000) })
  .strict();

/** The part of the routing trace the graph lights (field names as in the trace). */
export const TopologyTraceSchema = z.object({
  decision: z.string().nullable(),
  model: z.string().nullable(),
  locality: LocalitySchema.nullable(),
  matched_signals: z.record(z.string(), z.array(z.string())),
  projections: z.object({
    scores: z.array(z.object({ name: z.string(), total: z.number() })),
    mappings: z.array(
      z.object({
        mapping_name: z.string(),
        source_score: z.string(),
        selected_output: z.string().nullable(),
      }),
    ),
  }),
  decisions: z.array(
    z.object({
      name: z.string(),
      matched: z.boolean(),
      tier: z.number(),
      priority: z.number(),
    }),
  ),
  latency_ms: z.number(),
});
export const TopologyTestSchema = z.object({ trace: TopologyTraceSchema });

export type TopologyNodeKind = z.infer<typeof TopologyNodeKindSchema>;
export type TopologyNode = z.infer<typeof TopologyNodeSchema>;
export type TopologyEdge = z.infer<typeof TopologyEdgeSchema>;
export type TopologyGraph = z.infer<typeof TopologyGetSchema>;
export type TopologyTrace = z.infer<typeof TopologyTraceSchema>;
