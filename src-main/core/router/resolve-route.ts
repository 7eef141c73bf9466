import type { RouterConfig } from '../config/router-config';
import type { RouteKind } from './trace';

export const DEFAULT_AUTO_MODEL = 'vllm-sr/auto';

export class RoutingError extends Error {
  constructor(
    readonly code: 'invalid_model' | 'invalid_input' | 'forbidden' | 'no_model',
    message: string,
  ) {
    super(message);
    this.name = 'RoutingError';
  }
}

export interface ResolvedRoute {
  kind: RouteKind;
  /** Profile to run; null for passthrough. */
  profile: string | null;
  requestedModel: string;
}

/**
 * Which profile a request's `model` selects (reference §5.2): auto names →
 * `default`, entrypoint names → their recipe, a configured alias →
 * passthrough (no signals, no decision), anything else is refused.
 */
export function resolveRoute(config: RouterConfig, model: string | undefined): ResolvedRoute {
  const requested =
    model === undefined || model.trim() === ''
      ? (config.autoModelNames[0] ?? DEFAULT_AUTO_MODEL)
      : model.trim();
  if (config.autoModelNames.includes(requested))
    return { kind: 'auto', profile: 'default', requestedModel: requested };
  const recipe = config.entrypoints.get(requested);
  if (recipe !== undefined)
    return { kind: 'entrypoint', profile: recipe, requestedModel: requested };
  if (config.models.has(requested))
    return { kind: 'passthrough', profile: null, requestedModel: requested };
  throw new RoutingError('invalid_model', `model "${requested}" is not available`);
}
