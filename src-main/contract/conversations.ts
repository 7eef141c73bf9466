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

// Editing a conversation: a title of the person's own, the "keep local"
// switch, deleting it (its routing records stay in Replay), and exporting it
// as Markdown or JSON text the UI saves as a file.

export const CONVERSATION_TITLE_MAX = 120;

export const ConversationRenameInputSchema = z
  .object({
    conversationId: ConversationIdSchema,
    title: z
      .string()
      .max(CONVERSATION_TITLE_MAX)
      .refine((title) => title.trim() !== '', 'a title needs some text')
      .refine((title) => !/[\r\n]/.test(title), 'a title is one line'),
  })
  .strict();
export const ConversationRenameSchema = z.object({ conversation: ConversationSummarySchema });

export const ConversationKeepLocalInputSchema = z
  .object({ conversationId: ConversationIdSchema, keepLocal: z.boolean() })
  .strict();
export const ConversationKeepLocalSchema = z.object({
  conversationId: z.string(),
  keepLocal: z.boolean(),
});

export const ConversationDeleteInputSchema = z
  .object({ conversationId: ConversationIdSchema })
  .strict();
/** `deletedMessages`: how many messages went with it. */
export const ConversationDeleteSchema = z.object({
  conversationId: z.string(),
  deletedMessages: z.number().int(),
});

export const ConversationExportFormatSchema = z.enum(['markdown', 'json']);
export const ConversationExportInputSchema = z
  .object({ conversationId: ConversationIdSchema, format: ConversationExportFormatSchema })
  .strict();
export const ConversationExportSchema = z.object({
  format: ConversationExportFormatSchema,
  /** A file name to offer: the title made safe, with its extension. */
  fileName: z.string(),
  mimeType: z.string(),
  text: z.string(),
});

export type ConversationRename = z.infer<typeof ConversationRenameSchema>;
export type ConversationKeepLocal = z.infer<typeof ConversationKeepLocalSchema>;
export type ConversationDelete = z.infer<typeof ConversationDeleteSchema>;
export type ConversationExportFormat = z.infer<typeof ConversationExportFormatSchema>;
export type ConversationExport = z.infer<typeof ConversationExportSchema>;
