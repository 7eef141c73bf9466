import { z } from 'zod';

// Whether a Docker engine answers, before anything is saved or started: the
// managed lane is offered only where one does.

export const DockerEngineInputSchema = z.object({}).strict();

export const DockerEngineSchema = z.object({
  available: z.boolean(),
  /** Where the engine was looked for: a socket path or DOCKER_HOST. */
  where: z.string(),
  /** The engine's version when it answered. */
  version: z.string().nullable(),
  /** Why it did not answer, with what to do; null when it did. */
  problem: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export type DockerEngine = z.infer<typeof DockerEngineSchema>;
