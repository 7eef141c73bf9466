import type { FastifyReply } from 'fastify';

// Errors on the OpenAI-compatible routes (/v1/*) take the shape OpenAI
// clients parse: { error: { message, type, param, code } }. The HomelaneApi
// routes keep their own result envelope.

export type OpenAiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'server_error'
  | 'service_unavailable';

export interface OpenAiErrorBody {
  error: { message: string; type: OpenAiErrorType; param: string | null; code: string | null };
}

export function openAiErrorBody(
  message: string,
  type: OpenAiErrorType,
  code: string | null = null,
  param: string | null = null,
): OpenAiErrorBody {
  return { error: { message, type, param, code } };
}

/** Sends an OpenAI-style error with `status`. */
export function sendOpenAiError(
  reply: FastifyReply,
  status: number,
  message: string,
  type: OpenAiErrorType,
  code: string | null = null,
  param: string | null = null,
): FastifyReply {
  return reply.code(status).send(openAiErrorBody(message, type, code, param));
}
