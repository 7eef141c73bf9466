import { z } from 'zod';
import { LanEndpointViewSchema, LanesListSchema, LocalitySchema } from './lanes';

// Adding a server on the network from the UI: probe a URL first (what kind of
// server, which models, which of the profile's aliases match which model),
// let the person confirm or change the mapping, then save it. Forgetting
// removes a LAN endpoint or a managed lane's spec.

const url = z.string().trim().min(1).max(2048);
/** A name in the secret store (its value is never sent here). */
const secretName = z.string().min(1).max(128);
const laneName = z.string().min(1).max(63);

export const LanesProbeInputSchema = z
  .object({
    url,
    /** The stored secret holding the server's API key, when it needs one. */
    apiKeySecret: secretName.optional(),
  })
  .strict();

export const LanModelViewSchema = z.object({
  id: z.string(),
  contextLength: z.number().nullable(),
  loaded: z.boolean().nullable(),
});

export const LanesProbeSchema = z.object({
  /** Where the OpenAI API lives, with `/v1`. */
  baseUrl: z.string(),
  kind: z.string(),
  version: z.string().nullable(),
  models: z.array(LanModelViewSchema),
  locality: LocalitySchema,
  /** What answers led to the kind, for people. */
  evidence: z.array(z.string()),
  latencyMs: z.number(),
  /** A name for the endpoint made from its address. */
  suggestedName: z.string(),
  /** The aliases of the profile in force (what can be mapped). */
  profileAliases: z.array(z.string()),
  /** alias → served model id, for the aliases with one clear match. */
  suggestedAliases: z.record(z.string(), z.string()),
});

export const LanesAddInputSchema = z
  .object({
    url,
    name: laneName.optional(),
    /** alias → the server's model id; every id must be one the server lists. */
    aliases: z.record(z.string().min(1).max(256), z.string().max(512)),
    apiKeySecret: secretName.optional(),
    /** Overrides the locality read from the address. */
    locality: LocalitySchema.optional(),
  })
  .strict();

export const LanesAddSchema = z.object({
  endpoint: LanEndpointViewSchema,
  lanes: LanesListSchema,
});

export const LanesForgetInputSchema = z.object({ name: laneName }).strict();
export const LanesForgetSchema = z.object({
  name: z.string(),
  kind: z.enum(['lan', 'managed']),
  /** Said when something was left as it is (a managed lane's container). */
  note: z.string().nullable(),
  lanes: LanesListSchema,
});

export type LanesProbe = z.infer<typeof LanesProbeSchema>;
export type LanesAddInput = z.input<typeof LanesAddInputSchema>;
export type LanesAdd = z.infer<typeof LanesAddSchema>;
export type LanesForget = z.infer<typeof LanesForgetSchema>;
