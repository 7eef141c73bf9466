import { z } from 'zod';

// API keys: their names and where each is kept, never their values. A value
// goes one way only — into the store — and is never sent back, echoed in an
// error or logged.

/** Where a key is read from: an environment variable, the private file, the OS keychain. */
export const SecretSourceSchema = z.string();

export const SecretEntrySchema = z.object({
  name: z.string(),
  /** Where `get` finds it: `env`, `file`, `safe-storage`… */
  storedIn: SecretSourceSchema,
  /** Stored, but an environment variable of the same name is used instead. */
  overriddenByEnv: z.boolean(),
  /** What refers to it: `endpoint box`, `profile model openai/gpt`… */
  usedBy: z.array(z.string()),
});

export const SecretsListInputSchema = z.object({}).strict();
export const SecretsListSchema = z.object({
  /** The store `set` writes to. */
  store: z.string(),
  writable: z.boolean(),
  secrets: z.array(SecretEntrySchema),
  /** Names something refers to that are not set anywhere. */
  missing: z.array(z.object({ name: z.string(), usedBy: z.array(z.string()) })),
});

const name = z.string().min(1).max(128);

export const SecretsSetInputSchema = z
  .object({ name, value: z.string().min(1).max(16_384) })
  .strict();
export const SecretsSetSchema = z.object({
  name: z.string(),
  storedIn: SecretSourceSchema,
  overriddenByEnv: z.boolean(),
});

export const SecretsRemoveInputSchema = z.object({ name }).strict();
export const SecretsRemoveSchema = z.object({
  name: z.string(),
  /** Still readable from an environment variable after the stored value went. */
  stillFromEnv: z.boolean(),
});

export type SecretsList = z.infer<typeof SecretsListSchema>;
export type SecretEntry = z.infer<typeof SecretEntrySchema>;
