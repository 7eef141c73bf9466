import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail } from '../../contract';
import type { ErrorCode } from '../../contract';
import { createLogger } from '../logger';
import { sendOpenAiError } from './openai-error';
import type { OpenAiErrorType } from './openai-error';

const log = createLogger('server');

/** The OpenAI-compatible routes answer errors in OpenAI's shape; everything else in the envelope. */
export function isOpenAiPath(url: string): boolean {
  return url === '/v1' || url.startsWith('/v1/') || url.startsWith('/v1?');
}

export interface RouteError {
  status: number;
  message: string;
  /** The envelope's code on the HomelaneApi routes. */
  code: ErrorCode;
  /** The OpenAI error type on /v1. */
  openAiType: OpenAiErrorType;
  /** A stable machine-readable reason: the OpenAI `code`, the envelope's `details.reason`. */
  reason: string;
}

/** Answers with `error` in the shape the route family's clients parse. */
export function sendRouteError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: RouteError,
): FastifyReply {
  if (isOpenAiPath(request.url)) {
    return sendOpenAiError(reply, error.status, error.message, error.openAiType, error.reason);
  }
  return reply.code(error.status).send(fail(error.code, error.message, { reason: error.reason }));
}

const TYPE_BY_STATUS: Record<number, OpenAiErrorType> = {
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
};

/** A framework or parser error (bad JSON, body too large, …) as a route error. */
export function routeErrorFor(error: FastifyError): RouteError {
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    return {
      status: 500,
      message: 'The request failed unexpectedly.',
      code: 'internal',
      openAiType: 'server_error',
      reason: 'internal',
    };
  }
  return {
    status,
    message:
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'The request body is larger than this server accepts (see --max-body-mb).'
        : error.message,
    code: 'invalid_input',
    openAiType: TYPE_BY_STATUS[status] ?? 'invalid_request_error',
    reason: error.code,
  };
}

/**
 * The app-wide error handler: scopes with their own handler (the HomelaneApi
 * routes) keep it; the rest answer by route family instead of Fastify's default body.
 */
export function registerRootErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const routeError = routeErrorFor(error);
    if (routeError.status >= 500) log.error({ err: error }, 'request failed');
    return sendRouteError(request, reply, routeError);
  });
}
