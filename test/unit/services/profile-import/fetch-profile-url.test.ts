import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-main/contract';
import { fetchProfileUrl } from '../../../../src-main/core/services/profile-import/fetch-profile-url';

// The URL fetch of a profile against a local server this test runs: each
// route misbehaves one way a real server can.

const YAML = 'version: v0.3\nrouting:\n  decisions: []\n';
let server: Server;
let base: string;
const open = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    switch (req.url) {
      case '/ok.yaml':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end(`\uFEFF${YAML}`);
      case '/moved':
        res.writeHead(302, { location: '/ok.yaml' });
        return res.end();
      case '/declared-big':
        res.writeHead(200, { 'content-length': String(10_000) });
        return res.end('x'.repeat(10_000));
      case '/streamed-big':
        // No Content-Length: the cap must hold while the body streams.
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 20; i++) res.write('y'.repeat(1000));
        return res.end();
      case '/page':
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<!doctype html><html><body>Sign in</body></html>');
      case '/binary':
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return res.end(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00]));
      case '/missing':
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('no such recipe');
      case '/slow':
        // Headers never come.
        return;
      case '/slow-body':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('version: v0.3\n');
        return;
      default:
        res.writeHead(500);
        return res.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise((done) => server.close(done));
});

async function refusal(
  promise: Promise<unknown>,
): Promise<{ code: string; reason: unknown; message: string }> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  const api = error as ApiError;
  return {
    code: api.code,
    reason: (api.details as { reason?: unknown } | undefined)?.reason,
    message: api.message,
  };
}

describe('fetching a profile from a URL', () => {
  it('returns the text (byte-order mark dropped) and follows a redirect', async () => {
    const direct = await fetchProfileUrl(`${base}/ok.yaml`);
    expect(direct.text).toBe(YAML);
    const moved = await fetchProfileUrl(`${base}/moved`);
    expect(moved.text).toBe(YAML);
    expect(moved.url).toBe(`${base}/ok.yaml`);
  });

  it('refuses a body larger than the cap, declared or streamed', async () => {
    const declared = await refusal(fetchProfileUrl(`${base}/declared-big`, { maxBytes: 5000 }));
    expect(declared).toMatchObject({ code: 'invalid_input', reason: 'too_large' });
    const streamed = await refusal(fetchProfileUrl(`${base}/streamed-big`, { maxBytes: 5000 }));
    expect(streamed).toMatchObject({ code: 'invalid_input', reason: 'too_large' });
    expect(streamed.message).toContain('larger than');
  });

  it('refuses what is plainly not YAML: an HTML page, binary data', async () => {
    const page = await refusal(fetchProfileUrl(`${base}/page`));
    expect(page).toMatchObject({ code: 'invalid_input', reason: 'not_yaml' });
    expect(page.message).toContain('HTML page');
    const binary = await refusal(fetchProfileUrl(`${base}/binary`));
    expect(binary).toMatchObject({ code: 'invalid_input', reason: 'not_yaml' });
  });

  it('reports an HTTP error with its status', async () => {
    const error = await fetchProfileUrl(`${base}/missing`).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).details).toEqual({ reason: 'http_error', status: 404 });
    expect((error as ApiError).message).toContain('404');
  });

  it('gives up at the deadline, before headers or in the middle of the body', async () => {
    const started = Date.now();
    const headers = await refusal(fetchProfileUrl(`${base}/slow`, { timeoutMs: 300 }));
    expect(headers).toMatchObject({ code: 'unavailable', reason: 'timeout' });
    const body = await refusal(fetchProfileUrl(`${base}/slow-body`, { timeoutMs: 300 }));
    expect(body).toMatchObject({ code: 'unavailable', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('accepts http(s) URLs only, without credentials', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/a.yaml', 'not a url']) {
      expect(await refusal(fetchProfileUrl(url))).toMatchObject({
        code: 'invalid_input',
        reason: 'bad_url',
      });
    }
    expect(await refusal(fetchProfileUrl(`http://user:pw@127.0.0.1:1/a.yaml`))).toMatchObject({
      reason: 'bad_url',
    });
  });

  it('says so when nothing listens', async () => {
    const closed = await new Promise<number>((done) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => done(port));
      });
    });
    const error = await refusal(fetchProfileUrl(`http://127.0.0.1:${closed}/a.yaml`));
    expect(error).toMatchObject({ code: 'unavailable', reason: 'unreachable' });
    expect(error.message).toContain('ECONNREFUSED');
  });
});
