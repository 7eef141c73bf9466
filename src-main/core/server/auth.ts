import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLoopbackHost } from './bind-policy';
import { sendRouteError } from './route-errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answered without a token (the dashboard's files). */
    homelanePublic?: boolean;
  }
}

/** Open without a token, like the dashboard's files: a monitor's probes. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set(['/health', '/ready']);

/** The dashboard's session cookie, set after it was opened with `?token=`. */
export const SESSION_COOKIE = 'homelane_session';

/** The query parameter the dashboard link carries the token in, once. */
export const TOKEN_QUERY = 'token';

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * True when `presented` is `expected`. Both are hashed first so the comparison
 * takes the same time whatever their lengths and wherever they differ.
 */
export function tokensMatch(expected: string, presented: string | undefined): boolean {
  if (presented === undefined || expected.length === 0) return false;
  return timingSafeEqual(sha256(expected), sha256(presented));
}

/** What the session cookie holds: derived from the token, not the token itself. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('homelane dashboard session').digest('base64url');
}

/** The session cookie's header value. */
export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict`;
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

type Verdict = 'ok' | 'missing' | 'invalid';

/** Bearer header, `x-api-key` (OpenAI-style clients) or the dashboard's cookie. */
export function checkCredentials(request: FastifyRequest, token: string): Verdict {
  const bearer = bearerToken(request.headers.authorization);
  const apiKey = firstHeader(request.headers['x-api-key']);
  const session = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (bearer === undefined && apiKey === undefined && session === undefined) return 'missing';
  // Every presented credential is compared, so timing does not tell which one was tried.
  const results = [
    tokensMatch(token, bearer),
    tokensMatch(token, apiKey),
    tokensMatch(sessionValue(token), session),
  ];
  return results.includes(true) ? 'ok' : 'invalid';
}

function isPublic(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (request.routeOptions.config.homelanePublic === true) return true;
  return PUBLIC_PATHS.has(new URL(request.url, 'http://homelane').pathname);
}

/** Routes registered on `scope` from now on are open without a token. */
export function markRoutesPublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, homelanePublic: true };
  });
}

function sendUnauthorized(request: FastifyRequest, reply: FastifyReply, verdict: Verdict) {
  reply.header('WWW-Authenticate', 'Bearer realm="homelane"');
  return sendRouteError(request, reply, {
    status: 401,
    message:
      verdict === 'missing'
        ? 'This Homelane server requires its API token: send "Authorization: Bearer <token>" ' +
          '(or "x-api-key: <token>"), or open the dashboard once with ?token=<token>.'
        : 'The API token is not valid for this Homelane server.',
    code: 'forbidden',
    openAiType: 'authentication_error',
    reason: verdict === 'missing' ? 'missing_api_key' : 'invalid_api_key',
  });
}

/**
 * A dashboard link with `?token=`: the right token sets the session cookie and
 * redirects to the same page without the token in its address.
 */
function acceptDashboardLink(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  url: URL,
): FastifyReply | undefined {
  const presented = url.searchParams.get(TOKEN_QUERY);
  if (presented === null) return undefined;
  if (!tokensMatch(token, presented)) return sendUnauthorized(request, reply, 'invalid');
  url.searchParams.delete(TOKEN_QUERY);
  // One leading slash: the target never becomes another host (`//host/...`).
  const location = `/${url.pathname.replace(/^\/+/, '')}${url.search}`;
  return reply
    .code(303)
    .header('Set-Cookie', sessionCookie(token))
    .header('Cache-Control', 'no-store')
    .header('Location', location)
    .send();
}

/** A request's Host without its port, or undefined when it has none. */
function hostName(request: FastifyRequest): string | undefined {
  const host = request.headers.host;
  if (!host) return undefined;
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return '';
  }
}

/**
 * With a token: every route but the public ones needs it. Without one (a
 * loopback bind): only requests addressed to this machine by name are answered,
 * so a web page cannot reach the API through a DNS name that points here.
 */
export function registerAuth(app: FastifyInstance, token: string | undefined): void {
  app.addHook('onRequest', async (request, reply) => {
    if (token === undefined) {
      const host = hostName(request);
      if (host === undefined || isLoopbackHost(host)) return undefined;
      return sendRouteError(request, reply, {
        status: 403,
        message:
          'Without an API token this Homelane server only answers requests addressed to ' +
          'localhost or 127.0.0.1.',
        code: 'forbidden',
        openAiType: 'permission_error',
        reason: 'host_not_allowed',
      });
    }
    if (isPublic(request)) {
      if (request.method !== 'GET') return undefined;
      return acceptDashboardLink(request, reply, token, new URL(request.url, 'http://homelane'));
    }
    const verdict = checkCredentials(request, token);
    if (verdict === 'ok') return undefined;
    return sendUnauthorized(request, reply, verdict);
  });
}
