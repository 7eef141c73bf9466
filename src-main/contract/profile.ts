import { z } from 'zod';
import { ProfileInfoSchema } from './app';

// The routing profile in force can be reloaded from its file while the app
// runs (on a change to the file, or on request). The new profile is checked
// first: one with errors is refused, its problems listed, and the old one
// keeps serving.

export const ProfileReloadInputSchema = z.object({}).strict();

export const ProfileReloadSchema = z.object({
  /** False when the file had errors (or the profile is the built-in one, which has no file). */
  reloaded: z.boolean(),
  /** The profile in force after the call. */
  profile: ProfileInfoSchema,
  /** The file's problems, one per line, located; empty when it reloaded. */
  problems: z.array(z.string()),
});

export const ProfileChangedSchema = z.object({
  profile: ProfileInfoSchema,
  at: z.string(),
});

export const ProfileRejectedSchema = z.object({
  source: z.string(),
  problems: z.array(z.string()),
  at: z.string(),
});

export type ProfileReload = z.infer<typeof ProfileReloadSchema>;
export type ProfileChanged = z.infer<typeof ProfileChangedSchema>;
export type ProfileRejected = z.infer<typeof ProfileRejectedSchema>;
