import { z } from 'zod';
import type { RoutingRequest } from '../router/request';

const MessageSchema = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.null(), z.array(z.looseObject({ type: z.string() }))]).optional(),
});

/** One request of `homelane route --batch`: an id, and text or messages. Other keys are ignored. */
export const BatchLineSchema = z
  .looseObject({
    id: z.union([z.string(), z.number()]),
    text: z.string().optional(),
    messages: z.array(MessageSchema).optional(),
    tools: z.array(z.unknown()).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    model: z.string().optional(),
    max_tokens: z.number().optional(),
    max_completion_tokens: z.number().optional(),
  })
  .refine((line) => line.text !== undefined || line.messages !== undefined, {
    message: 'needs "text" or "messages"',
  });

export const MessagesFileSchema = z.union([
  z.array(MessageSchema),
  z.looseObject({ messages: z.array(MessageSchema) }).transform((body) => body.messages),
]);

export function toRequest(line: z.infer<typeof BatchLineSchema>): RoutingRequest {
  return {
    ...(line.text !== undefined ? { text: line.text } : {}),
    ...(line.messages ? { messages: line.messages as RoutingRequest['messages'] } : {}),
    ...(line.tools ? { tools: line.tools } : {}),
    ...(line.metadata ? { metadata: line.metadata } : {}),
    ...(line.model ? { model: line.model } : {}),
    ...(line.max_tokens !== undefined ? { max_tokens: line.max_tokens } : {}),
    ...(line.max_completion_tokens !== undefined
      ? { max_completion_tokens: line.max_completion_tokens }
      : {}),
  };
}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`)
    .join('; ');
}
