import type { FastifyInstance } from 'fastify';
import { registerAuth } from './auth';
import { registerJsonBodyParser } from './body-parsers';
import { registerCors } from './cors';
import { fastifyLimitOptions, registerConcurrencyLimit, resolveLimits } from './limits';
import type { ServerLimits } from './limits';
import { registerRootErrorHandler } from './route-errors';
import { registerDrain } from './shutdown';

/** What keeps `homelane serve` safe to expose: auth, CORS, limits. */
export interface ServerSafety {
  /** The API token; when set every route but the public ones requires it. */
  token?: string | undefined;
  /** Web origins allowed to call the API from a browser (none by default). */
  corsOrigins?: readonly string[];
  /** Overrides of the default limits and timeouts. */
  limits?: Partial<ServerLimits>;
}

export interface ResolvedSafety {
  token: string | undefined;
  corsOrigins: readonly string[];
  limits: ServerLimits;
}

export function resolveSafety(safety: ServerSafety = {}): ResolvedSafety {
  return {
    token: safety.token,
    corsOrigins: safety.corsOrigins ?? [],
    limits: resolveLimits(safety.limits),
  };
}

/** The options Fastify has to be created with. */
export function fastifySafetyOptions(safety: ResolvedSafety) {
  return fastifyLimitOptions(safety.limits);
}

/**
 * Registers the request checks, in order: shutdown drain, CORS, auth, the
 * concurrency limit; the strict JSON parser; errors by route family. Call it
 * before any route or plugin scope is registered, so that they inherit it.
 */
export function registerSafety(app: FastifyInstance, safety: ResolvedSafety): void {
  registerRootErrorHandler(app);
  registerJsonBodyParser(app);
  registerDrain(app);
  registerCors(app, safety.corsOrigins);
  registerAuth(app, safety.token);
  registerConcurrencyLimit(app, safety.limits.maxConcurrent);
}
