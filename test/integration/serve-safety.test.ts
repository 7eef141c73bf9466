import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkCredentials, sessionValue, tokensMatch } from '../../src-main/core/server/auth';
import { createServer } from '../../src-main/core/server/create-server';
import { resolveLimits } from '../../src-main/core/server/limits';
import type { ServerSafety } from '../../src-main/core/server/safety';
import { closeGracefully, inFlightRequests } from '../../src-main/core/server/shutdown';
import { TokenSourceError, resolveToken } from '../../src-main/core/server/token-source';
import {
  closeServiceContext,
  createServiceContext,
} from '../../src-main/core/services/create-context';
import { createHandlers } from '../../src-main/core/services/handlers';
import { makeTempDir } from '../support/temp-dir';

// `homelane serve` exposed on a network: token auth, closed CORS, body and
// time limits, a concurrency limit and a graceful shutdown, each checked over
// real HTTP (and raw sockets where fetch cannot express the client).

const TOKEN = 'test-token-0123456789abcdef';
const temp = makeTempDir('homelane-serve-safety-');
afterAll(() => temp.cleanup());

interface Running {
  app: FastifyInstance;
  url: string;
  port: number;
  close(): Promise<void>;
}
const running: Running[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

let serial = 0;
/** The real server on a free loopback port, with test-only routes added before it listens. */
async function start(
  safety: ServerSafety = {},
  addRoutes: (app: FastifyInstance) => void = () => undefined,
): Promise<Running> {
  const dir = join(temp.dir, `server-${++serial}`);
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>dashboard</title>');
  const context = await createServiceContext({ runtime: 'server', dataDir: join(dir, 'data') });
  const app = await createServer({
    handlers: createHandlers(context),
    rendererDir,
    events: context.events,
    safety,
  });
  app.post('/v1/test-safety/echo', async (request) => ({ echo: request.body }));
  app.post(
    '/v1/test-safety/typed',
    {
      schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'number' } } } },
    },
    async (request) => ({ got: request.body }),
  );
  addRoutes(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  const server: Running = {
    app,
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: async () => {
      await app.close();
      await closeServiceContext(context);
    },
  };
  running.push(server);
  return server;
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request with headers fetch would not send as given (Origin, Host). */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = { 'content-type': 'application/json' };
const bearer = { ...json, authorization: `Bearer ${TOKEN}` };

function post(url: string, body: string | Buffer, headers: Record<string, string> = json) {
  return fetch(url, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((done) => setTimeout(done, 10));
  }
}

describe('token comparison and token sources', () => {
  it('matches only the exact token, whatever the lengths', () => {
    expect(tokensMatch(TOKEN, TOKEN)).toBe(true);
    expect(tokensMatch(TOKEN, `${TOKEN.slice(0, -1)}X`)).toBe(false);
    expect(tokensMatch(TOKEN, TOKEN.slice(0, 5))).toBe(false);
    expect(tokensMatch(TOKEN, `${TOKEN}${TOKEN}`)).toBe(false);
    expect(tokensMatch(TOKEN, '')).toBe(false);
    expect(tokensMatch(TOKEN, undefined)).toBe(false);
    expect(tokensMatch('', '')).toBe(false);
  });

  it('keeps the token out of the session cookie', () => {
    expect(sessionValue(TOKEN)).not.toContain(TOKEN);
    expect(sessionValue(TOKEN)).toBe(sessionValue(TOKEN));
    expect(sessionValue(TOKEN)).not.toBe(sessionValue(`${TOKEN}x`));
  });

  it('reads --token, --token-file and HOMELANE_TOKEN, and refuses unsafe ones', () => {
    const file = join(temp.dir, 'token');
    writeFileSync(file, `  ${TOKEN}  \nsecond line is ignored\n`);
    chmodSync(file, 0o600);
    expect(resolveToken({ tokenFile: file, env: {} })).toEqual({ token: TOKEN, source: 'file' });
    expect(resolveToken({ token: TOKEN, env: {} })).toEqual({ token: TOKEN, source: 'flag' });
    expect(resolveToken({ env: { HOMELANE_TOKEN: TOKEN } })).toEqual({
      token: TOKEN,
      source: 'env',
    });
    expect(resolveToken({ env: { HOMELANE_TOKEN: '' } })).toBeUndefined();
    expect(
      resolveToken({ token: TOKEN, env: { HOMELANE_TOKEN: 'other-token-0123456789' } }),
    ).toMatchObject({ source: 'flag' });

    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        if (error instanceof TokenSourceError) return error.code;
        throw error;
      }
      return 'no error';
    };
    expect(codeOf(() => resolveToken({ token: TOKEN, tokenFile: file }))).toBe('token_conflict');
    expect(codeOf(() => resolveToken({ token: 'short' }))).toBe('token_too_short');
    expect(codeOf(() => resolveToken({ token: 'has a space in it, long enough' }))).toBe(
      'token_invalid_characters',
    );
    expect(codeOf(() => resolveToken({ tokenFile: join(temp.dir, 'missing') }))).toBe(
      'token_file_unreadable',
    );
    const empty = join(temp.dir, 'empty-token');
    writeFileSync(empty, '\n');
    chmodSync(empty, 0o600);
    expect(codeOf(() => resolveToken({ tokenFile: empty }))).toBe('token_empty');
    if (process.platform !== 'win32') {
      chmodSync(file, 0o644);
      expect(codeOf(() => resolveToken({ tokenFile: file, platform: 'linux' }))).toBe(
        'token_file_not_private',
      );
      expect(() => resolveToken({ tokenFile: file, platform: 'linux' })).toThrow(/chmod 600/);
    }
  });
});

describe('token auth', () => {
  it('refuses the API without the token on both route families; health and the dashboard stay open', async () => {
    const server = await start({ token: TOKEN }, (app) => {
      if (!app.hasRoute({ method: 'GET', url: '/ready' })) app.get('/ready', async () => 'ready');
    });
    const missing = await post(`${server.url}/api/rpc/app.info`, '{}');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await missing.json()).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { reason: 'missing_api_key' } },
    });

    const wrong = await post(`${server.url}/api/rpc/app.info`, '{}', {
      ...json,
      authorization: `Bearer ${TOKEN}x`,
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { details: { reason: 'invalid_api_key' } } });

    const openAi = await post(`${server.url}/v1/test-safety/echo`, '{"a":1}');
    expect(openAi.status).toBe(401);
    expect(openAi.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await openAi.json()).toEqual({
      error: {
        message: expect.stringContaining('API token') as unknown,
        type: 'authentication_error',
        param: null,
        code: 'missing_api_key',
      },
    });
    const openAiWrong = await post(`${server.url}/v1/test-safety/echo`, '{"a":1}', {
      ...json,
      'x-api-key': 'not-the-token-at-all-000',
    });
    expect(openAiWrong.status).toBe(401);
    expect(await openAiWrong.json()).toMatchObject({ error: { code: 'invalid_api_key' } });

    const events = await fetch(`${server.url}/api/events`);
    expect(events.status).toBe(401);
    expect(await events.json()).toMatchObject({ ok: false });

    // Unknown routes are closed too: nothing is open unless it is marked so.
    expect((await fetch(`${server.url}/api/v1/anything`)).status).toBe(401);

    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect((await fetch(`${server.url}/ready`)).status).not.toBe(401);
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>dashboard</title>');
  });

  it('answers with the right token as a bearer, an x-api-key or in any case of "Bearer"', async () => {
    const server = await start({ token: TOKEN });
    const info = await post(`${server.url}/api/rpc/app.info`, '{}', bearer);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ ok: true, data: { runtime: 'server' } });

    const echo = await post(`${server.url}/v1/test-safety/echo`, '{"a":1}', {
      ...json,
      'x-api-key': TOKEN,
    });
    expect(echo.status).toBe(200);
    expect(await echo.json()).toEqual({ echo: { a: 1 } });
    const lower = await post(`${server.url}/v1/test-safety/echo`, '{"b":2}', {
      ...json,
      authorization: `bearer ${TOKEN}`,
    });
    expect(await lower.json()).toEqual({ echo: { b: 2 } });

    const controller = new AbortController();
    const events = await fetch(`${server.url}/api/events`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: controller.signal,
    });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    controller.abort();
  });

  it('takes the token once in the dashboard link and keeps the session in a strict HttpOnly cookie', async () => {
    const server = await start({ token: TOKEN });
    const badLink = await fetch(`${server.url}/?token=not-the-token-0123456789`, {
      redirect: 'manual',
    });
    expect(badLink.status).toBe(401);
    expect(badLink.headers.get('set-cookie')).toBeNull();

    const link = await fetch(`${server.url}/?tab=chat&token=${TOKEN}`, { redirect: 'manual' });
    expect(link.status).toBe(303);
    expect(link.headers.get('location')).toBe('/?tab=chat');
    const setCookie = link.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(';')[0] ?? '';

    const info = await post(`${server.url}/api/rpc/app.info`, '{}', { ...json, cookie });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ ok: true });
    const forged = await post(`${server.url}/api/rpc/app.info`, '{}', {
      ...json,
      cookie: 'homelane_session=forged',
    });
    expect(forged.status).toBe(401);

    // A path that would make the redirect leave the server is not followed anywhere else.
    const sneaky = await raw(`${server.url}//evil.example/?token=${TOKEN}`);
    expect(sneaky.headers.location ?? '').not.toMatch(/^\/\//);
  });

  it('checks every credential it is given', async () => {
    const server = await start({ token: TOKEN }, (app) => {
      app.get('/v1/test-safety/verdict', async (request) => ({
        verdict: checkCredentials(request, TOKEN),
      }));
    });
    // The route itself needs the token, so the verdict seen is always for a valid request;
    // a wrong bearer next to a right x-api-key still passes.
    const response = await fetch(`${server.url}/v1/test-safety/verdict`, {
      headers: { authorization: 'Bearer wrong-token-0123456789', 'x-api-key': TOKEN },
    });
    expect(await response.json()).toEqual({ verdict: 'ok' });
  });

  it('without a token, answers only requests addressed to this machine', async () => {
    const server = await start();
    const rebound = await raw(`${server.url}/api/rpc/app.info`, {
      method: 'POST',
      headers: { ...json, host: `rebind.example:${server.port}` },
      body: '{}',
    });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({
      error: { code: 'forbidden', details: { reason: 'host_not_allowed' } },
    });
    const local = await raw(`${server.url}/api/rpc/app.info`, {
      method: 'POST',
      headers: { ...json, host: `localhost:${server.port}` },
      body: '{}',
    });
    expect(local.status).toBe(200);
  });
});

describe('CORS', () => {
  it('is closed by default: preflights refused, no allow headers, cross-origin writes refused', async () => {
    const server = await start();
    const preflight = await raw(`${server.url}/v1/test-safety/echo`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(403);
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual(
      [],
    );
    expect(JSON.parse(preflight.body)).toMatchObject({ error: { type: 'permission_error' } });

    const read = await raw(`${server.url}/health`, { headers: { origin: 'http://evil.example' } });
    expect(read.status).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();

    // A "simple" cross-origin POST needs no preflight, so it is refused outright.
    const write = await raw(`${server.url}/api/rpc/app.info`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(write.status).toBe(403);
    const sameOrigin = await raw(`${server.url}/api/rpc/app.info`, {
      method: 'POST',
      headers: { ...json, origin: server.url },
      body: '{}',
    });
    expect(sameOrigin.status).toBe(200);
  });

  it('opens exactly the origins given, without credentials', async () => {
    const allowed = 'http://allowed.example:3000';
    const server = await start({ corsOrigins: [allowed], token: TOKEN });
    const preflight = await raw(`${server.url}/v1/test-safety/echo`, {
      method: 'OPTIONS',
      headers: {
        origin: allowed,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(allowed);
    expect(preflight.headers['access-control-allow-headers']).toBe('authorization, content-type');
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();

    const other = await raw(`${server.url}/v1/test-safety/echo`, {
      method: 'OPTIONS',
      headers: { origin: 'http://allowed.example:3001', 'access-control-request-method': 'POST' },
    });
    expect(other.status).toBe(403);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const call = await raw(`${server.url}/v1/test-safety/echo`, {
      method: 'POST',
      headers: { ...bearer, origin: allowed },
      body: '{"x":1}',
    });
    expect(call.status).toBe(200);
    expect(call.headers['access-control-allow-origin']).toBe(allowed);
    expect(call.headers['vary']).toMatch(/Origin/);
  });
});

describe('bad input', () => {
  const big = Buffer.alloc(50 * 1024 * 1024, 0x20);

  it('answers a 50 MB body with 413 in each family and keeps serving', async () => {
    const server = await start();
    const api = await post(`${server.url}/api/rpc/app.info`, big);
    expect(api.status).toBe(413);
    expect(await api.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const v1 = await post(`${server.url}/v1/test-safety/echo`, big);
    expect(v1.status).toBe(413);
    expect(await v1.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'FST_ERR_CTP_BODY_TOO_LARGE' },
    });

    // Without a Content-Length the limit is enforced while reading.
    const chunked = await fetch(`${server.url}/v1/test-safety/echo`, {
      method: 'POST',
      headers: json,
      body: Readable.toWeb(Readable.from([big.subarray(0, 25 << 20), big.subarray(25 << 20)])),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);

    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const small = await post(`${server.url}/v1/test-safety/echo`, '{"still":"here"}');
    expect(await small.json()).toEqual({ echo: { still: 'here' } });
  });

  it('honours a smaller body limit', async () => {
    const server = await start({ limits: { maxBodyBytes: 1024 } });
    const body = JSON.stringify({ text: 'x'.repeat(2048) });
    expect((await post(`${server.url}/v1/test-safety/echo`, body)).status).toBe(413);
    expect((await post(`${server.url}/v1/test-safety/echo`, '{"a":1}')).status).toBe(200);
  });

  it('answers malformed JSON, wrong types and invalid UTF-8 with 400', async () => {
    const server = await start();
    const badJsonApi = await post(`${server.url}/api/rpc/app.info`, '{"unterminated');
    expect(badJsonApi.status).toBe(400);
    expect(await badJsonApi.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const badJsonV1 = await post(`${server.url}/v1/test-safety/echo`, '{"unterminated');
    expect(badJsonV1.status).toBe(400);
    expect(await badJsonV1.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: null },
    });
    const empty = await post(`${server.url}/v1/test-safety/echo`, '');
    expect(empty.status).toBe(400);
    const poisoned = await post(`${server.url}/v1/test-safety/echo`, '{"__proto__":{"x":1}}');
    expect(poisoned.status).toBe(400);

    const wrongTypeApi = await post(
      `${server.url}/api/rpc/conversations.messages`,
      '{"conversationId":5}',
    );
    expect(wrongTypeApi.status).toBe(400);
    expect(await wrongTypeApi.json()).toMatchObject({ error: { code: 'invalid_input' } });
    const arrayApi = await post(`${server.url}/api/rpc/app.info`, '[1,2]');
    expect(arrayApi.status).toBe(400);
    const wrongTypeV1 = await post(`${server.url}/v1/test-safety/typed`, '{"n":"five"}');
    expect(wrongTypeV1.status).toBe(400);
    expect(await wrongTypeV1.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'FST_ERR_VALIDATION' },
    });

    // {"a":"<0xff 0xfe>"}: not UTF-8, refused rather than parsed with replacement characters.
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"a":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const utf8Api = await post(`${server.url}/api/rpc/app.info`, invalidUtf8);
    expect(utf8Api.status).toBe(400);
    expect(await utf8Api.json()).toMatchObject({
      error: { code: 'invalid_input', details: { reason: 'HL_INVALID_UTF8' } },
    });
    const utf8V1 = await post(`${server.url}/v1/test-safety/echo`, invalidUtf8);
    expect(utf8V1.status).toBe(400);
    expect(await utf8V1.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'HL_INVALID_UTF8' },
    });
    const goodUtf8 = await post(`${server.url}/v1/test-safety/echo`, '{"text":"héllo ✓ 日本"}');
    expect(await goodUtf8.json()).toEqual({ echo: { text: 'héllo ✓ 日本' } });

    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});

/** Opens a raw connection and writes `text` one byte per `everyMs`; resolves when the server closes it. */
function trickle(
  port: number,
  text: string,
  everyMs: number,
): Promise<{ closedAfterMs: number; received: string; bytesSent: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    let received = '';
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < text.length && socket.writable) socket.write(text.charAt(sent++));
    }, everyMs);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ closedAfterMs: Date.now() - started, received, bytesSent: sent });
    });
    setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      reject(new Error('the slow client was never cut off'));
    }, 15_000);
  });
}

describe('slow clients', () => {
  it('cuts off a client that trickles its headers or its body, and keeps serving others', async () => {
    const server = await start({
      limits: { headersTimeoutMs: 1_500, requestTimeoutMs: 3_000, deadlineCheckIntervalMs: 250 },
    });
    const headers = 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ' + 'x'.repeat(100);
    const slowHeaders = trickle(server.port, headers, 1_000);
    const body =
      'POST /v1/test-safety/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
      'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n';
    const slowBody = new Promise<Awaited<ReturnType<typeof trickle>>>((resolve, reject) => {
      // Headers at once, then the body one byte per second.
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(body);
        let sent = 0;
        const timer = setInterval(() => socket.writable && (sent++, socket.write(' ')), 1_000);
        socket.on('close', () => {
          clearInterval(timer);
          resolve({ closedAfterMs: Date.now() - started, received, bytesSent: sent });
        });
      });
      const started = Date.now();
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
      socket.on('error', () => undefined);
      setTimeout(() => reject(new Error('the slow body was never cut off')), 15_000);
    });

    // While both trickle, other clients are answered.
    for (let i = 0; i < 3; i++) {
      await new Promise((done) => setTimeout(done, 400));
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    }
    const cutHeaders = await slowHeaders;
    expect(cutHeaders.closedAfterMs).toBeLessThan(6_000);
    expect(cutHeaders.bytesSent).toBeLessThan(headers.length);
    expect(cutHeaders.received).not.toContain('200 OK');
    const cutBody = await slowBody;
    expect(cutBody.closedAfterMs).toBeLessThan(8_000);
    expect(cutBody.bytesSent).toBeLessThan(100);
    expect(cutBody.received).not.toContain('200 OK');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  }, 20_000);

  it('has sane defaults: headers within seconds, idle connections not forever', () => {
    const limits = resolveLimits();
    expect(limits.headersTimeoutMs).toBeGreaterThan(0);
    expect(limits.headersTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(limits.requestTimeoutMs).toBeLessThanOrEqual(120_000);
    expect(limits.maxBodyBytes).toBe(10 * 1024 * 1024);
    expect(limits.maxConcurrent).toBe(64);
    expect(() => resolveLimits({ maxConcurrent: 0 })).toThrow(/positive/);
    expect(() => resolveLimits({ headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 })).toThrow(
      /header timeout/,
    );
  });
});

describe('concurrency limit', () => {
  it('answers the 65th concurrent model request with 429 and Retry-After, on /v1 and /api/v1', async () => {
    const gate = deferred();
    let arrived = 0;
    const server = await start({}, (app) => {
      const hold = async () => {
        arrived++;
        await gate.promise;
        return { done: true };
      };
      app.get('/v1/test-safety/hold', hold);
      app.get('/api/v1/test-safety/hold', hold);
    });
    const held = Array.from({ length: 64 }, (_, i) =>
      fetch(`${server.url}/${i % 2 ? 'api/' : ''}v1/test-safety/hold`),
    );
    await waitFor(() => arrived === 64);

    const overV1 = await fetch(`${server.url}/v1/test-safety/hold`);
    expect(overV1.status).toBe(429);
    expect(overV1.headers.get('retry-after')).toBe('1');
    expect(await overV1.json()).toMatchObject({
      error: { type: 'rate_limit_error', code: 'too_many_requests' },
    });
    const overApi = await fetch(`${server.url}/api/v1/test-safety/hold`);
    expect(overApi.status).toBe(429);
    expect(overApi.headers.get('retry-after')).toBe('1');
    expect(await overApi.json()).toMatchObject({
      ok: false,
      error: { code: 'unavailable', details: { reason: 'too_many_requests' } },
    });
    // Other routes are not limited.
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await post(`${server.url}/api/rpc/app.info`, '{}')).status).toBe(200);

    gate.resolve();
    const statuses = await Promise.all(held.map(async (r) => (await r).status));
    expect(statuses).toEqual(Array.from({ length: 64 }, () => 200));
    expect(arrived).toBe(64);
    // The slots are free again.
    expect((await fetch(`${server.url}/v1/test-safety/hold`)).status).toBe(200);
  });

  it('frees the slot of a client that goes away', async () => {
    let arrived = 0;
    const server = await start({ limits: { maxConcurrent: 1 } }, (app) => {
      app.get('/v1/test-safety/forever', async (_request, reply) => {
        arrived++;
        await new Promise((done) => reply.raw.once('close', done));
        return reply;
      });
    });
    const controller = new AbortController();
    const gone = fetch(`${server.url}/v1/test-safety/forever`, { signal: controller.signal });
    await waitFor(() => arrived === 1);
    expect((await fetch(`${server.url}/v1/test-safety/forever?again`)).status).toBe(429);
    controller.abort();
    await expect(gone).rejects.toThrow();
    await waitFor(() => inFlightRequests(server.app) === 0);
    const next = fetch(`${server.url}/v1/test-safety/forever`);
    await waitFor(() => arrived === 2);
    expect(arrived).toBe(2);
    void next.catch(() => undefined);
  });
});

describe('graceful shutdown', () => {
  it('finishes the requests in flight, streamed ones too, while event streams end at once', async () => {
    let arrived = 0;
    const server = await start({}, (app) => {
      app.get('/v1/test-safety/slow', async () => {
        arrived++;
        await new Promise((done) => setTimeout(done, 400));
        return { done: true };
      });
      app.get('/v1/test-safety/stream', async (_request, reply) => {
        arrived++;
        async function* chunks() {
          for (let i = 0; i < 5; i++) {
            await new Promise((done) => setTimeout(done, 100));
            yield `chunk ${i}\n`;
          }
        }
        return reply.type('text/plain').send(Readable.from(chunks()));
      });
    });
    const events = await fetch(`${server.url}/api/events`);
    const reader = events.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain(': homelane events');
    const slow = fetch(`${server.url}/v1/test-safety/slow`);
    const stream = fetch(`${server.url}/v1/test-safety/stream`);
    await waitFor(() => arrived === 2);

    const started = Date.now();
    const closing = closeGracefully(server.app, 5_000);
    // No new connections once shutdown began.
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();

    const slowResponse = await slow;
    expect(slowResponse.status).toBe(200);
    expect(await slowResponse.json()).toEqual({ done: true });
    const streamResponse = await stream;
    expect(await streamResponse.text()).toBe('chunk 0\nchunk 1\nchunk 2\nchunk 3\nchunk 4\n');
    expect((await reader.read().catch(() => ({ done: true }))).done).toBe(true);
    expect(await closing).toEqual({ forced: false });
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('cuts off what is still running when the grace period ends', async () => {
    let arrived = 0;
    const server = await start({}, (app) => {
      app.get('/v1/test-safety/endless', async () => {
        arrived++;
        await new Promise((done) => setTimeout(done, 30_000).unref());
        return { done: true };
      });
    });
    const endless = fetch(`${server.url}/v1/test-safety/endless`);
    await waitFor(() => arrived === 1);
    const started = Date.now();
    expect(await closeGracefully(server.app, 300)).toEqual({ forced: true });
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(endless).rejects.toThrow();
  });
});
