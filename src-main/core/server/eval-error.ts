import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ZodError } from 'zod';
import { createLogger } from '../logger';

// Errors on the router API (/api/v1/*) take upstream's shape:
// { error: { code, message, timestamp } }, with a stable upper-case code.
// Homelane adds `param` when one request field or query parameter is at fault.

const log = createLogger('api');

export interface ApiErrorBody {
  error: { code: string; message: string; timestamp: string; param?: string };
}

export function apiErrorBody(code: string, message: string, param?: string): ApiErrorBody {
  return {
    error: {
      code,
      message,
      timestamp: new Date().toISOString(),
      ...(param !== undefined ? { param } : {}),
    },
  };
}

/** Sends an upstream-shaped error with `status`. */
export function sendApiError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  param?: string,
): FastifyReply {
  return reply.code(status).send(apiErrorBody(code, message, param));
}

/** The first problem of a failed zod parse, as a message naming its field, and that field. */
export function describeZodError(
  error: ZodError,
  what: string,
): { message: string; param?: string } {
  const issue = error.issues[0];
  if (!issue) return { message: `The ${what} is not valid.` };
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => `"${key}"`).join(', ');
    return {
      message: `Unknown ${what} ${names}.`,
      ...(issue.keys[0] ? { param: issue.keys[0] } : {}),
    };
  }
  const param = issue.path.map(String).join('.');
  if (param === '') return { message: `${issue.message}.` };
  return { message: `${param}: ${issue.message}.`, param };
}

/**
 * Fastify's own request errors inside `scope` (malformed JSON, a body too
 * large, a wrong content type) in the router API's error shape.
 */
export function useApiErrors(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      log.error({ err: error }, 'request failed');
      return sendApiError(reply, 500, 'INTERNAL_ERROR', 'The request failed unexpectedly.');
    }
    if (status === 413)
      return sendApiError(reply, 413, 'REQUEST_BODY_TOO_LARGE', 'The request body is too large.');
    if (status === 415) {
      return sendApiError(
        reply,
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the request body as JSON (content-type: application/json).',
      );
    }
    return sendApiError(
      reply,
      status,
      'INVALID_INPUT',
      `The request is not valid: ${error.message}`,
    );
  });
}
