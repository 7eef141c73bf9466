import type { FastifyInstance } from 'fastify';
import { createLogger } from '../logger';
import { toEvalResponse } from '../router/eval-response';
import type { EvalResponse } from '../router/eval-response';
import { RoutingError, resolveRoute } from '../router/resolve-route';
import type { ServiceContext } from '../services/context';
import { describeZodError, sendApiError, useApiErrors } from './eval-error';
import { evalRequestSchema, hasEvaluableInput, toRoutingRequest } from './eval-request';

// POST /api/v1/eval: what the router would decide for a request, without
// sending it anywhere (upstream's eval endpoint, which its probe files
// call). Every configured signal runs, used by a decision or not; the
// routing trace comes back as `eval_trace` with `?trace=true` or
// `options.trace`. Nothing is recorded.

const log = createLogger('eval');

export const EVAL_PATH = '/api/v1/eval';

const STATUS_BY_ROUTING_ERROR: Record<RoutingError['code'], [number, string]> = {
  invalid_model: [400, 'INVALID_ROUTING_MODEL'],
  invalid_input: [400, 'INVALID_INPUT'],
  forbidden: [403, 'FORBIDDEN'],
  no_model: [400, 'NO_MODEL_SELECTED'],
};

export async function registerEvalRoutes(
  app: FastifyInstance,
  context: ServiceContext | undefined,
): Promise<void> {
  await app.register(async (scope) => {
    useApiErrors(scope);
    scope.post<{ Querystring: Record<string, unknown> }>(EVAL_PATH, async (request, reply) => {
      const parsed = evalRequestSchema.safeParse(request.body);
      if (!parsed.success) {
        const { message, param } = describeZodError(parsed.error, 'request field');
        return sendApiError(reply, 400, 'INVALID_INPUT', message, param);
      }
      const body = parsed.data;
      if (!hasEvaluableInput(body)) {
        return sendApiError(
          reply,
          400,
          'INVALID_INPUT',
          'text cannot be empty: send the text, messages, tools or metadata to evaluate.',
          'text',
        );
      }
      const routing = context?.routing;
      if (!routing) {
        return sendApiError(
          reply,
          503,
          'CLASSIFIER_UNAVAILABLE',
          'No routing profile is loaded, so there is nothing to evaluate the request against.',
        );
      }
      const withTrace = request.query['trace'] === 'true' || body.options?.trace === true;
      try {
        const response = await routing.withRouter(async (router): Promise<EvalResponse> => {
          // Eval takes the names that route (auto names, entrypoints); a concrete alias is refused.
          const route = resolveRoute(router.config, body.model);
          if (route.profile === null) {
            throw new RoutingError(
              'invalid_model',
              `model "${route.requestedModel}" is a concrete model; eval takes an auto name (${router.config.autoModelNames.join(', ')}) or an entrypoint`,
            );
          }
          const trace = await router.route(toRoutingRequest(body), { evaluateAll: true });
          const profile = router.config.profiles.get(trace.recipe ?? route.profile);
          if (!profile) throw new Error(`the profile "${route.profile}" is not loaded`);
          return toEvalResponse(trace, profile, withTrace);
        });
        return reply.send(response);
      } catch (error) {
        if (error instanceof RoutingError) {
          const [status, code] = STATUS_BY_ROUTING_ERROR[error.code];
          const param = error.code === 'invalid_model' ? 'model' : undefined;
          return sendApiError(reply, status, code, error.message, param);
        }
        log.error({ err: error }, 'eval failed');
        return sendApiError(
          reply,
          500,
          'CLASSIFICATION_ERROR',
          'The request could not be evaluated; the server log has the details.',
        );
      }
    });
  });
}
