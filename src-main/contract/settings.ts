import { z } from 'zod';

// The person's settings that the core keeps and honours: how long routing
// records are kept (applied at once when changed) and where requests that
// are not private may go (cloud escalation). The theme lives in the renderer.

export const CloudEscalationSchema = z.enum(['never', 'allow', 'ask']);

export const RetentionViewSchema = z.object({
  /** Records older than this many days are removed; null keeps them. */
  maxAgeDays: z.number().nullable(),
  /** At most this many records are kept, the newest; null means no limit. */
  maxRecords: z.number().nullable(),
});

export const SettingsViewSchema = z.object({
  /** The folder holding the database, settings, keys and models. */
  dataDir: z.string(),
  retention: RetentionViewSchema,
  privacy: z.object({
    /** In force now (requests that are private never reach the cloud whatever it says). */
    cloudEscalation: CloudEscalationSchema,
  }),
  /** Whether settings can be saved: the database is writable, read-only, or not there. */
  storage: z.enum(['ok', 'read_only', 'unavailable']),
});

export const SettingsGetInputSchema = z.object({}).strict();
export const SettingsGetSchema = SettingsViewSchema;

export const SettingsSetInputSchema = z
  .object({
    retention: z
      .object({
        maxAgeDays: z.number().int().positive().max(36_500).nullable().optional(),
        maxRecords: z.number().int().nonnegative().max(1_000_000_000).nullable().optional(),
      })
      .strict()
      .optional(),
    privacy: z.object({ cloudEscalation: CloudEscalationSchema.optional() }).strict().optional(),
  })
  .strict();
export const SettingsSetSchema = z.object({
  settings: SettingsViewSchema,
  /** Routing records the retention rule removed as it was saved. */
  removed: z.number(),
});

export type SettingsView = z.infer<typeof SettingsViewSchema>;
export type SettingsSetInput = z.input<typeof SettingsSetInputSchema>;
export type SettingsSet = z.infer<typeof SettingsSetSchema>;
