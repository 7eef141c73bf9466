import { z } from 'zod';

// The body of POST /v1/chat/completions: checked for what Homelane reads
// (model, messages with roles, stream, stream_options, metadata); anything
// else passes through to the lane untouched. A body of the usual shape is
// recognised by a plain check (every request goes through here); only one
// that fails it is parsed by the schema, which says precisely what is wrong.

const MessageSchema = z.looseObject({ role: z.string().min(1) });
const ChatBodySchema = z.looseObject({
  model: z.string().min(1).max(256),
  messages: z.array(MessageSchema).min(1).max(10_000),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});

export type ChatBody = z.infer<typeof ChatBodySchema>;

export type ChatBodyResult =
  { ok: true; body: ChatBody } | { ok: false; message: string; param: string | null };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** True when `body` passes ChatBodySchema, checked without it. */
function plainlyValid(body: unknown): body is ChatBody {
  if (!isPlainObject(body)) return false;
  const { model, messages, stream, stream_options: options, metadata } = body;
  if (typeof model !== 'string' || model.length < 1 || model.length > 256) return false;
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 10_000) return false;
  for (const message of messages as unknown[]) {
    if (!isPlainObject(message)) return false;
    const role = message['role'];
    if (typeof role !== 'string' || role.length < 1) return false;
  }
  if (stream !== undefined && typeof stream !== 'boolean') return false;
  if (options !== undefined && options !== null) {
    if (!isPlainObject(options)) return false;
    const usage = options['include_usage'];
    if (usage !== undefined && typeof usage !== 'boolean') return false;
  }
  if (metadata !== undefined && metadata !== null && !isPlainObject(metadata)) return false;
  return true;
}

export function parseChatBody(body: unknown): ChatBodyResult {
  if (plainlyValid(body)) return { ok: true, body };
  const parsed = ChatBodySchema.safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data };
  const issue = parsed.error.issues[0];
  const param = issue?.path.map(String).join('.') || null;
  return {
    ok: false,
    param,
    message: `Invalid request body${param ? ` at ${param}` : ''}: ${issue?.message ?? 'not a chat request'}`,
  };
}
