import type { FastifyError, FastifyInstance } from 'fastify';
import { fail } from '../../contract';
import type { ErrorCode, Result } from '../../contract';
import { createLogger } from '../logger';
import { dispatch } from '../services/dispatch';
import type { ServiceHandlers } from '../services/handlers';

const log = createLogger('rpc');

/** The HTTP path prefix of the HomelaneApi transport: POST {prefix}/{method}. */
export const RPC_PREFIX = '/api/rpc';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unknown_method: 404,
  not_found: 404,
  forbidden: 403,
  unavailable: 503,
  transport: 502,
  internal: 500,
};

export function httpStatusFor(result: Result<unknown>): number {
  return result.ok ? 200 : STATUS_BY_CODE[result.error.code];
}

/** Fastify's own request errors (bad JSON, body too large, …) as envelopes. */
function envelopeForFrameworkError(error: FastifyError): { status: number; result: Result<never> } {
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    log.error({ err: error }, 'request failed');
    return { status: 500, result: fail('internal', 'The request failed unexpectedly.') };
  }
  return { status, result: fail('invalid_input', error.message, { reason: error.code }) };
}

/**
 * The HomelaneApi over HTTP: the body is the method's input as JSON, the
 * response is the same result envelope the IPC transport returns.
 */
export async function registerRpcRoutes(
  app: FastifyInstance,
  handlers: ServiceHandlers,
): Promise<void> {
  await app.register(
    async (scope) => {
      scope.setErrorHandler((error: FastifyError, _request, reply) => {
        const { status, result } = envelopeForFrameworkError(error);
        return reply.code(status).send(result);
      });
      scope.setNotFoundHandler((request, reply) =>
        reply
          .code(404)
          .send(
            fail('unknown_method', `No HomelaneApi route for ${request.method} ${request.url}.`),
          ),
      );
      scope.post<{ Params: { method: string } }>('/:method', async (request, reply) => {
        const result = await dispatch(handlers, request.params.method, request.body);
        return reply.code(httpStatusFor(result)).send(result);
      });
    },
    { prefix: RPC_PREFIX },
  );
}
