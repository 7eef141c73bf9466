import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendRouteError } from './route-errors';

export class CorsOriginError extends Error {
  readonly code = 'cors_origin_invalid';

  constructor(readonly value: string) {
    super(
      `"${value}" is not a web origin; give the scheme and host (and port) only, ` +
        'e.g. http://192.168.1.20:3000.',
    );
    this.name = 'CorsOriginError';
  }
}

/** `http(s)://host[:port]` exactly as browsers send it in the Origin header. */
export function normalizeOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new CorsOriginError(value);
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
    throw new CorsOriginError(value);
  }
  return url.origin;
}

const ALLOW_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const DEFAULT_ALLOW_HEADERS = 'authorization, content-type, x-api-key';
/** A comma-separated list of header names, nothing else. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;
const PREFLIGHT_MAX_AGE_S = '600';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host || origin === 'null') return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

function refuse(request: FastifyRequest, origin: string) {
  return {
    status: 403,
    message:
      `Requests from the web origin ${origin} are not allowed; start the server with ` +
      `--cors-origin ${origin} to allow them.`,
    code: 'forbidden' as const,
    openAiType: 'permission_error' as const,
    reason: request.method === 'OPTIONS' ? 'cors_preflight_refused' : 'cors_origin_not_allowed',
  };
}

/**
 * Closed by default: no Access-Control-Allow-* headers, preflights refused,
 * and state-changing requests from another web origin refused. Origins given
 * with `--cors-origin` get exactly what a browser needs, without credentials.
 */
export function registerCors(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  const allowed = new Set(allowedOrigins.map(normalizeOrigin));
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (allowed.size > 0) reply.header('Vary', 'Origin');
    if (origin === undefined) return undefined;
    const isAllowed = allowed.has(origin);
    if (request.method === 'OPTIONS') {
      if (!isAllowed) return sendRouteError(request, reply, refuse(request, origin));
      if (request.headers['access-control-request-method'] === undefined) return undefined;
      const asked = request.headers['access-control-request-headers'];
      return reply
        .code(204)
        .header('Access-Control-Allow-Origin', origin)
        .header('Access-Control-Allow-Methods', ALLOW_METHODS)
        .header(
          'Access-Control-Allow-Headers',
          asked && HEADER_LIST.test(asked) ? asked : DEFAULT_ALLOW_HEADERS,
        )
        .header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_S)
        .send();
    }
    if (isAllowed) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Access-Control-Expose-Headers', '*');
      return undefined;
    }
    if (!SAFE_METHODS.has(request.method) && !sameOrigin(origin, request.headers.host)) {
      return sendRouteError(request, reply, refuse(request, origin));
    }
    return undefined;
  });
}
