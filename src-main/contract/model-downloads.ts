import { z } from 'zod';
import { RoutingModelSchema } from './models';

// Downloading and checking the on-device routing models from the app. A pull
// starts in the background and reports through events: `models.progress`
// while bytes arrive, then `models.done` or `models.error` once per model.

export const ModelsPullInputSchema = z
  .object({
    /** Catalog ids, e.g. ["jailbreak", "pii"]. */
    ids: z.array(z.string().min(1).max(64)).min(1).max(16),
  })
  .strict();

export const ModelsPullSchema = z.object({
  /** The ids whose download started now. */
  started: z.array(z.string()),
  /** The ids that were already downloading (nothing new started for them). */
  running: z.array(z.string()),
});

export const ModelsVerifyInputSchema = z
  .object({
    /** Catalog ids; every installed model when absent. */
    ids: z.array(z.string().min(1).max(64)).max(16).optional(),
  })
  .strict();

export const ModelVerifyFileSchema = z.object({
  path: z.string(),
  status: z.enum(['ok', 'missing', 'size_mismatch', 'hash_mismatch']),
});

export const ModelVerifyResultSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  /** Why the model could not be checked at all (not installed, bad manifest). */
  problem: z.string().nullable(),
  files: z.array(ModelVerifyFileSchema),
});

export const ModelsVerifySchema = z.object({
  ok: z.boolean(),
  models: z.array(ModelVerifyResultSchema),
});

export const ModelsProgressSchema = z.object({
  id: z.string(),
  /** The repository file arriving now ('' before the first one starts). */
  file: z.string(),
  /** Bytes of the whole model done and expected. */
  bytes: z.number(),
  total: z.number(),
  phase: z.enum(['listing', 'downloading', 'installing']),
  /** Bytes per second, when known. */
  rate: z.number().nullable(),
});

export const ModelsDoneSchema = z.object({
  id: z.string(),
  /** The model as models.list now shows it. */
  model: RoutingModelSchema,
});

export const ModelsErrorSchema = z.object({
  id: z.string(),
  /** Stable: not_found, checksum_mismatch, disk_full, offline, http_error, aborted, unknown. */
  code: z.string(),
  message: z.string(),
});

export type ModelsPullInput = z.input<typeof ModelsPullInputSchema>;
export type ModelsPull = z.infer<typeof ModelsPullSchema>;
export type ModelsVerifyInput = z.input<typeof ModelsVerifyInputSchema>;
export type ModelVerifyResult = z.infer<typeof ModelVerifyResultSchema>;
export type ModelsVerify = z.infer<typeof ModelsVerifySchema>;
export type ModelsProgress = z.infer<typeof ModelsProgressSchema>;
export type ModelsDone = z.infer<typeof ModelsDoneSchema>;
export type ModelsError = z.infer<typeof ModelsErrorSchema>;
