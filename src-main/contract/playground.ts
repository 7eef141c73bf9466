import { z } from 'zod';
import { LocalitySchema } from './lanes';
import { RecordPrivacyReasonSchema } from './replay-record';

// The Playground page: route a prompt or a conversation exactly as a live
// request would be routed (privacy and the egress guard included) without
// generating or recording anything, and run a probe file against the
// profile in force, variant by variant.

/** 256 KiB of text for a prompt or a whole conversation. */
export const PLAYGROUND_TEXT_MAX = 256 * 1024;
/** 2 MiB for a probe file. */
export const PROBES_TEXT_MAX = 2 * 1024 * 1024;
export const PLAYGROUND_TURNS_MAX = 200;

export const PlaygroundMessageSchema = z
  .object({
    role: z.enum(['system', 'user', 'assistant']),
    content: z.string().max(PLAYGROUND_TEXT_MAX),
  })
  .strict();

export const PlaygroundRouteInputSchema = z
  .object({
    /** A single prompt; give this or `messages`. */
    text: z.string().trim().min(1, 'Type a prompt to route.').max(PLAYGROUND_TEXT_MAX).optional(),
    /** An OpenAI-style conversation, oldest first; the last user turn is what is routed. */
    messages: z.array(PlaygroundMessageSchema).min(1).max(PLAYGROUND_TURNS_MAX).optional(),
    /** The requested model: an auto name, an entrypoint or an alias (default: the first auto name). */
    model: z.string().min(1).max(200).optional(),
    /** A stored conversation whose privacy taint applies, as it would to a chat turn in it. */
    conversationId: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((input) => (input.text === undefined) !== (input.messages === undefined), {
    message: 'Give a prompt (text) or a conversation (messages), not both.',
  })
  .refine(
    (input) => input.messages === undefined || input.messages.some((m) => m.role === 'user'),
    { message: 'The conversation needs at least one user turn.', path: ['messages'] },
  );

/** One lane the request could go to, in the order it would be tried, with the guard's verdict. */
export const PlaygroundLaneSchema = z.object({
  laneId: z.string(),
  alias: z.string(),
  locality: LocalitySchema,
  /** Why it is in the plan: the policy's choice, a fallback, or the guard's re-route. */
  source: z.string(),
  /** Whether the egress guard lets the request out through this lane. */
  allowed: z.boolean(),
  /** Why the guard refuses it, or why it cannot be used (no address); null when usable. */
  refusal: z.string().nullable(),
});

export const PlaygroundRouteSchema = z.object({
  /** The routing trace (the one result type), as replay.record carries it. */
  trace: z.record(z.string(), z.unknown()),
  /** The lane a live request would be sent to first; null when no lane may take it. */
  lane: PlaygroundLaneSchema.nullable(),
  /** Every lane of the plan, in order; the first allowed one is `lane`. */
  lanes: z.array(PlaygroundLaneSchema),
  private: z.boolean(),
  privacyReasons: z.array(RecordPrivacyReasonSchema),
});

export const PlaygroundProbesInputSchema = z
  .object({
    text: z.string().max(PROBES_TEXT_MAX),
    fileName: z.string().min(1).max(300),
  })
  .strict();

export const ProbeProblemSchema = z.object({
  severity: z.enum(['error', 'constraint', 'warning']),
  code: z.string(),
  message: z.string(),
  /** 1-based, when the problem has a place in the file. */
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  /** The key path in the file, e.g. `decisions[2].variants[0].query`. */
  path: z.string(),
});

export const ProbeVariantResultSchema = z.object({
  /** `<group>:<variant>` */
  id: z.string(),
  group: z.string(),
  variant: z.string(),
  passed: z.boolean(),
  expectedDecision: z.string(),
  decision: z.string().nullable(),
  model: z.string().nullable(),
  failures: z.array(z.string()),
  /** Model signal families the expected decision reads that cannot run here. */
  waitingOnModels: z.array(z.string()),
  latencyMs: z.number(),
});

export const PlaygroundProbesSchema = z.object({
  fileName: z.string(),
  /** The probe file's own name; null when it could not be read. */
  name: z.string().nullable(),
  /** Located problems of the file; the file is not run when one is an error. */
  problems: z.array(ProbeProblemSchema),
  results: z.array(ProbeVariantResultSchema),
  passed: z.number().int(),
  failed: z.number().int(),
});

export type PlaygroundMessage = z.infer<typeof PlaygroundMessageSchema>;
export type PlaygroundRouteInput = z.infer<typeof PlaygroundRouteInputSchema>;
export type PlaygroundLane = z.infer<typeof PlaygroundLaneSchema>;
export type PlaygroundRoute = z.infer<typeof PlaygroundRouteSchema>;
export type PlaygroundProbesInput = z.infer<typeof PlaygroundProbesInputSchema>;
export type ProbeProblem = z.infer<typeof ProbeProblemSchema>;
export type ProbeVariantResult = z.infer<typeof ProbeVariantResultSchema>;
export type PlaygroundProbes = z.infer<typeof PlaygroundProbesSchema>;
