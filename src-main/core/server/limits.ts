import type { Server } from 'node:http';
import type { FastifyHttpOptions, FastifyInstance } from 'fastify';
import { sendRouteError } from './route-errors';

export interface ServerLimits {
  /** Largest request body accepted (413 above). */
  maxBodyBytes: number;
  /** Requests at a time on /v1 and /api/v1 together (429 above). */
  maxConcurrent: number;
  /** A client has this long to send its request headers. */
  headersTimeoutMs: number;
  /** ... and this long to send the whole request (headers and body). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /**
   * A connection on which nothing moves for this long is closed. Generous: a
   * local model can think for minutes before the first byte of a reply.
   */
  idleTimeoutMs: number;
  /** How often the header and request deadlines are checked. */
  deadlineCheckIntervalMs: number;
}

export const DEFAULT_LIMITS: Readonly<ServerLimits> = {
  maxBodyBytes: 10 * 1024 * 1024,
  maxConcurrent: 64,
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 30_000,
  idleTimeoutMs: 10 * 60_000,
  deadlineCheckIntervalMs: 1_000,
};

export class LimitsError extends Error {
  readonly code = 'limits_invalid';

  constructor(message: string) {
    super(message);
    this.name = 'LimitsError';
  }
}

/** The defaults with `overrides` applied, checked. */
export function resolveLimits(overrides: Partial<ServerLimits> = {}): ServerLimits {
  const limits: ServerLimits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(overrides) as [keyof ServerLimits, unknown][]) {
    if (value !== undefined) limits[key] = value as number;
  }
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new LimitsError(`The server limit ${key} must be a positive number (got ${value}).`);
    }
  }
  if (!Number.isInteger(limits.maxConcurrent)) {
    throw new LimitsError('The concurrency limit is a whole number of requests.');
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new LimitsError('The header timeout cannot be longer than the request timeout.');
  }
  return limits;
}

type LimitOptions = Pick<
  FastifyHttpOptions<Server>,
  'bodyLimit' | 'connectionTimeout' | 'keepAliveTimeout' | 'requestTimeout' | 'http'
>;

/** The Fastify (and Node http server) options that enforce `limits`. */
export function fastifyLimitOptions(limits: ServerLimits): LimitOptions {
  return {
    bodyLimit: Math.floor(limits.maxBodyBytes),
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.deadlineCheckIntervalMs,
    },
  };
}

/** The routes that run models and share the concurrency limit. */
export function isConcurrencyLimited(url: string): boolean {
  return /^\/(api\/)?v1(\/|\?|$)/.test(url);
}

/** Seconds a refused client is told to wait before trying again. */
export const RETRY_AFTER_S = 1;

/**
 * At most `max` requests at a time on /v1 and /api/v1; the next one gets 429
 * with Retry-After. A slot is freed when its response ends or its client leaves.
 */
export function registerConcurrencyLimit(app: FastifyInstance, max: number): { active(): number } {
  let active = 0;
  app.addHook('onRequest', async (request, reply) => {
    if (!isConcurrencyLimited(request.url)) return undefined;
    if (active >= max) {
      reply.header('Retry-After', String(RETRY_AFTER_S));
      return sendRouteError(request, reply, {
        status: 429,
        message: `This server is answering ${max} requests already; try again in a moment.`,
        code: 'unavailable',
        openAiType: 'rate_limit_error',
        reason: 'too_many_requests',
      });
    }
    active++;
    reply.raw.once('close', () => active--);
    return undefined;
  });
  return { active: () => active };
}
