import { z } from 'zod';
import type { RoutingRequest } from '../router/request';

// The body of POST /api/v1/eval (upstream's eval request): a single-turn
// `text` or OpenAI-style `messages`, the envelope fields that shape the
// context estimate, the routing `model` and `metadata`, and `options`.
// Fields this does not name are ignored.

/** Upstream bounds the request metadata an eval may carry. */
export const MAX_METADATA_ENTRIES = 32;

const contentPart = z.looseObject({
  type: z.string({ error: 'a content part needs a string "type"' }),
  text: z.string().optional(),
});

const message = z.looseObject({
  role: z.string({ error: 'a message needs a string "role"' }),
  content: z
    .union([z.string(), z.array(contentPart), z.null()], {
      error: 'content is a string, a list of content parts or null',
    })
    .optional(),
  name: z.string().optional(),
  tool_calls: z.array(z.unknown()).optional(),
  tool_call_id: z.string().optional(),
});

const tokenLimit = z
  .number({ error: 'must be a whole number or null' })
  .int({ error: 'must be a whole number or null' })
  .nonnegative({ error: 'cannot be negative' })
  .nullable()
  .optional();

export const evalRequestSchema = z.object(
  {
    text: z.string({ error: 'must be a string' }).optional(),
    messages: z.array(message, { error: 'must be a list of messages' }).optional(),
    tools: z.array(z.unknown(), { error: 'must be a list' }).optional(),
    functions: z.array(z.unknown(), { error: 'must be a list' }).optional(),
    tool_choice: z.unknown().optional(),
    response_format: z.unknown().optional(),
    max_tokens: tokenLimit,
    max_completion_tokens: tokenLimit,
    model: z.string({ error: 'must be a string' }).optional(),
    metadata: z
      .record(z.string(), z.unknown(), { error: 'must be an object' })
      .refine((value) => Object.keys(value).length <= MAX_METADATA_ENTRIES, {
        error: `can hold at most ${MAX_METADATA_ENTRIES} entries`,
      })
      .optional(),
    options: z
      .looseObject(
        {
          trace: z.boolean({ error: 'must be true or false' }).optional(),
          return_probabilities: z.boolean({ error: 'must be true or false' }).optional(),
        },
        { error: 'must be an object' },
      )
      .optional(),
  },
  { error: 'The body must be a JSON object' },
);

export type EvalRequestBody = z.infer<typeof evalRequestSchema>;

/**
 * Whether the request gives the router anything to evaluate: some text
 * (whitespace counts, the text-size signals read it), messages, tools or
 * metadata. Upstream refuses a request with none of them.
 */
export function hasEvaluableInput(body: EvalRequestBody): boolean {
  return (
    (body.text ?? '') !== '' ||
    (body.messages?.length ?? 0) > 0 ||
    (body.tools?.length ?? 0) > 0 ||
    (body.functions?.length ?? 0) > 0 ||
    Object.keys(body.metadata ?? {}).length > 0
  );
}

/** The routing request of an eval body (never any headers: eval does not evaluate authz). */
export function toRoutingRequest(body: EvalRequestBody): RoutingRequest {
  const request: RoutingRequest = {};
  if (body.text !== undefined) request.text = body.text;
  if (body.messages !== undefined) request.messages = body.messages;
  if (body.tools !== undefined) request.tools = body.tools;
  if (body.functions !== undefined) request.functions = body.functions;
  if (body.tool_choice !== undefined) request.tool_choice = body.tool_choice;
  if (body.response_format !== undefined) request.response_format = body.response_format;
  if (body.max_tokens !== undefined) request.max_tokens = body.max_tokens;
  if (body.max_completion_tokens !== undefined)
    request.max_completion_tokens = body.max_completion_tokens;
  if (body.model !== undefined) request.model = body.model;
  if (body.metadata !== undefined) request.metadata = body.metadata;
  return request;
}
