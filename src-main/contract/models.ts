import { z } from 'zod';

/** A routing model role of the catalog, and whether it is installed here. */
export const RoutingModelSchema = z.object({
  id: z.string(),
  task: z.string(),
  repo: z.string(),
  revision: z.string(),
  description: z.string(),
  /** The signal families this model serves. */
  signals: z.array(z.string()),
  approxSizeBytes: z.number(),
  status: z.enum(['installed', 'incomplete', 'invalid', 'not_installed']),
  installedBytes: z.number().nullable(),
  installedAt: z.string().nullable(),
  /** What is wrong with an incomplete or invalid install. */
  problem: z.string().nullable(),
});

export const ModelsListInputSchema = z.object({}).strict();
export const ModelsListSchema = z.object({
  /** Where installed models live. */
  modelsDir: z.string(),
  models: z.array(RoutingModelSchema),
});

export type RoutingModel = z.infer<typeof RoutingModelSchema>;
export type ModelsList = z.infer<typeof ModelsListSchema>;
