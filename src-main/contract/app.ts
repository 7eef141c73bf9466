import { z } from 'zod';

/** Where the core runs: inside the desktop app or as `homelane serve`. */
export const RuntimeSchema = z.enum(['electron', 'server']);

export const ProfileInfoSchema = z.object({
  /** The profile's name as its config or the user gave it. */
  name: z.string(),
  /** Where it was loaded from: a file path or a URL. */
  source: z.string(),
});

/**
 * The app's database: writable; damaged or locked and opened read-only
 * (conversations and records can be read, nothing new is stored); or not
 * usable at all. `problem` says why, with a stable code.
 */
export const DatabaseStatusSchema = z.object({
  state: z.enum(['ok', 'read_only', 'unavailable', 'not_opened']),
  problem: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export const AppInfoSchema = z.object({
  name: z.literal('Homelane'),
  version: z.string(),
  runtime: RuntimeSchema,
  /** Absolute path of the folder holding settings, the database and models. */
  dataDir: z.string(),
  /** The routing profile in force, or null before one is loaded. */
  profile: ProfileInfoSchema.nullable(),
  platform: z.string(),
  nodeVersion: z.string(),
  /** Where requests that are not private may go: never to the cloud, as the policy says, or ask. */
  cloudEscalation: z.enum(['never', 'allow', 'ask']),
  database: DatabaseStatusSchema,
});

export type Runtime = z.infer<typeof RuntimeSchema>;
export type ProfileInfo = z.infer<typeof ProfileInfoSchema>;
export type AppInfo = z.infer<typeof AppInfoSchema>;
export type DatabaseStatus = z.infer<typeof DatabaseStatusSchema>;

export const AppInfoInputSchema = z.object({}).strict();
