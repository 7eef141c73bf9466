import { z } from 'zod';
import { AttachmentSchema, ConversationIdSchema } from './conversations';
import { LocalitySchema } from './lanes';

// Chat: `chat.send` starts a turn and answers at once with its id; the turn
// then streams through events — routed, lane, tokens — and ends with exactly
// one of `chat.done` or `chat.error`. A "remember …" message is kept on this
// machine without a model (`chat.remembered`, then `chat.done`).

export const MAX_MESSAGE_CHARS = 200_000;
export const MAX_ATTACHMENTS = 10;

export const ChatSendInputSchema = z
  .object({
    /** The conversation to continue; a new one when absent. */
    conversationId: ConversationIdSchema.optional(),
    text: z
      .string()
      .min(1)
      .max(MAX_MESSAGE_CHARS)
      .refine((text) => text.trim() !== '', 'the message is empty'),
    /** Text files sent along: the model reads them with the message. */
    attachments: z.array(AttachmentSchema).max(MAX_ATTACHMENTS).optional(),
    /** An entrypoint or an alias; the policy's first auto name when absent. */
    model: z.string().min(1).max(200).optional(),
  })
  .strict();
export const ChatSendSchema = z.object({ turnId: z.string(), conversationId: z.string() });

/**
 * Answer a conversation's last message again, as a new turn: to regenerate
 * an answer, to retry after a failure, or to answer a "needs confirmation"
 * refusal. No new message is stored. A complete new answer replaces the
 * answers given to that message before; a partial one is kept beside them.
 */
export const ChatRegenerateInputSchema = z
  .object({
    conversationId: ConversationIdSchema,
    model: z.string().min(1).max(200).optional(),
    /**
     * The person's "yes" to a `needs_confirmation` refusal: for this turn only,
     * a cloud-escalation setting of `ask` counts as `allow`. It never opens
     * the cloud to a private request, to a conversation kept local, or when
     * cloud escalation is `never`.
     */
    allowCloud: z.boolean().optional(),
  })
  .strict();

export const ChatCancelInputSchema = z.object({ turnId: z.string().min(1).max(100) }).strict();
/** `cancelled` is false when no such turn is running (it ended, or never was). */
export const ChatCancelSchema = z.object({ cancelled: z.boolean() });

/** Why a request is private; never the private text itself. */
export const PrivacyReasonViewSchema = z.object({ kind: z.string(), detail: z.string() });

/** One step of the fallback chain: a lane tried, and what came of it. */
export const LaneAttemptViewSchema = z.object({
  laneId: z.string(),
  alias: z.string(),
  source: z.string(),
  outcome: z.enum(['answered', 'failed', 'refused_by_guard', 'unroutable']),
  reason: z.string().optional(),
  code: z.string().optional(),
  latencyMs: z.number().optional(),
});

export const UsageViewSchema = z.object({
  promptTokens: z.number().optional(),
  completionTokens: z.number().optional(),
  totalTokens: z.number().optional(),
});

export const ChatRoutedSchema = z.object({
  turnId: z.string(),
  /** Null for a one-off turn that keeps no conversation (the command line without one). */
  conversationId: z.string().nullable(),
  /** The routing record (null when the policy keeps none). */
  recordId: z.string().nullable(),
  decision: z.string().nullable(),
  model: z.string().nullable(),
  private: z.boolean(),
  privacyReasons: z.array(PrivacyReasonViewSchema),
});

export const ChatLaneSchema = z.object({
  turnId: z.string(),
  laneId: z.string(),
  locality: LocalitySchema,
  /** Every lane tried so far, this one last. */
  attempts: z.array(LaneAttemptViewSchema),
});

export const ChatTokenSchema = z.object({
  turnId: z.string(),
  content: z.string().optional(),
  reasoning: z.string().optional(),
});

export const ChatDoneSchema = z.object({
  turnId: z.string(),
  /** The stored answer (null for a one-off turn or a remember request). */
  messageId: z.number().int().nullable(),
  recordId: z.string().nullable(),
  /** Null only for a remember request, which no model answers. */
  laneId: z.string().nullable(),
  model: z.string().nullable(),
  usage: UsageViewSchema.nullable(),
});

export const ChatErrorKindSchema = z.enum([
  /** The request could not be routed (an unknown model, say). */
  'routing',
  /** No lane could take it (none serves it, all failed, or privacy allowed none). */
  'no_lane',
  /** A lane started answering and then failed, or the person stopped it. */
  'lane',
  'internal',
]);

export const ChatErrorSchema = z.object({
  turnId: z.string(),
  kind: ChatErrorKindSchema,
  /** Stable: a lane error code (stream_dropped, aborted, …), a no-lane code, or a routing code. */
  code: z.string(),
  message: z.string(),
  /** Whether what had streamed was kept, marked `partial`. */
  partialKept: z.boolean(),
  recordId: z.string().nullable(),
});

export const ChatRememberedSchema = z.object({
  turnId: z.string(),
  conversationId: z.string().nullable(),
  memoryId: z.number().int(),
  fact: z.string(),
});

export type ChatSendInput = z.infer<typeof ChatSendInputSchema>;
export type ChatSend = z.infer<typeof ChatSendSchema>;
export type ChatRegenerateInput = z.infer<typeof ChatRegenerateInputSchema>;
export type ChatCancel = z.infer<typeof ChatCancelSchema>;
export type LaneAttemptView = z.infer<typeof LaneAttemptViewSchema>;
export type UsageView = z.infer<typeof UsageViewSchema>;
export type ChatRouted = z.infer<typeof ChatRoutedSchema>;
export type ChatLane = z.infer<typeof ChatLaneSchema>;
export type ChatToken = z.infer<typeof ChatTokenSchema>;
export type ChatDone = z.infer<typeof ChatDoneSchema>;
export type ChatErrorKind = z.infer<typeof ChatErrorKindSchema>;
export type ChatErrorPayload = z.infer<typeof ChatErrorSchema>;
export type ChatRemembered = z.infer<typeof ChatRememberedSchema>;
