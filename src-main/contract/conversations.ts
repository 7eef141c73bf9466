import { z } from 'zod';

// Conversations as the UI sees them: a list, newest first, and the stored
// messages of one (a partial answer, kept after a failure or a stop, marked).

/** What a client may name a conversation: letters, digits, `-` and `_`, at most 64. */
export const CONVERSATION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const ConversationIdSchema = z
  .string()
  .regex(CONVERSATION_ID_PATTERN, 'a conversation id is 1 to 64 letters, digits, "-" or "_"');

/** A text file sent with a message: its name and its text. */
export const AttachmentSchema = z
  .object({
    name: z.string().min(1).max(255),
    text: z.string().max(1_000_000),
  })
  .strict();

export const ConversationSummarySchema = z.object({
  id: z.string(),
  /** The first line of the first user message, trimmed (at most 120 characters). */
  title: z.string(),
  /** ISO time of the last change. */
  updatedAt: z.string(),
  /** Once a message was private, the conversation stays on local and LAN lanes. */
  private: z.boolean(),
  /** The person's switch: keep this conversation on local and LAN lanes. */
  keepLocal: z.boolean(),
  messageCount: z.number().int(),
});

export const MessageViewSchema = z.object({
  id: z.number().int(),
  conversationId: z.string(),
  createdAt: z.string(),
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
  attachments: z.array(AttachmentSchema),
  model: z.string().nullable(),
  laneId: z.string().nullable(),
  decision: z.string().nullable(),
  /** The routing record of the answer (open it in Replay). */
  recordId: z.string().nullable(),
  promptTokens: z.number().nullable(),
  completionTokens: z.number().nullable(),
  /** `partial`: the answer stopped early (a failure or a stop) and what came is kept. */
  status: z.enum(['complete', 'partial', 'failed']),
});

export const ConversationsListInputSchema = z.object({}).strict();
export const ConversationsListSchema = z.object({
  conversations: z.array(ConversationSummarySchema),
});

export const ConversationMessagesInputSchema = z
  .object({ conversationId: ConversationIdSchema })
  .strict();
export const ConversationMessagesSchema = z.object({
  conversationId: z.string(),
  messages: z.array(MessageViewSchema),
});

export type Attachment = z.infer<typeof AttachmentSchema>;
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;
export type MessageView = z.infer<typeof MessageViewSchema>;
export type ConversationsList = z.infer<typeof ConversationsListSchema>;
export type ConversationMessages = z.infer<typeof ConversationMessagesSchema>;
