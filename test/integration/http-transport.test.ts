import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppInfoSchema } from '../../src-main/contract';
import { WEB_CSP } from '../../src-main/core/server/security-headers';
import { createHttpClient } from '../../src-renderer/src/api/http-client';
import { installTinyModel } from '../support/onnx/tiny-models';
import { startTestServer } from '../support/test-server';
import type { RunningServer } from '../support/test-server';

// The HomelaneApi over real HTTP: the server on a loopback port, and the
// renderer's own HTTP client talking to it.
describe('HTTP transport', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const post = (path: string, body: string, type = 'application/json') =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

  it('answers /health', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('serves app.info through the renderer HTTP client', async () => {
    const client = createHttpClient(server.url);
    const result = await client.call('app.info', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(AppInfoSchema.parse(result.data)).toMatchObject({
      runtime: 'server',
      dataDir: server.dataDir,
      profile: null,
    });
  });

  it('lists the routing models with what is installed in the data folder', async () => {
    await installTinyModel(server.dataDir, 'domain');
    const result = await createHttpClient(server.url).call('models.list', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const byId = Object.fromEntries(result.data.models.map((m) => [m.id, m]));
    expect(Object.keys(byId)).toEqual([
      'embedding',
      'domain',
      'jailbreak',
      'pii',
      'fact_check',
      'feedback',
      'modality',
    ]);
    expect(byId['domain']).toMatchObject({ status: 'installed', signals: ['domain'] });
    expect(byId['domain']?.installedBytes).toBeGreaterThan(0);
    expect(byId['embedding']).toMatchObject({ status: 'not_installed', installedBytes: null });
  });

  it('maps envelope codes to HTTP statuses', async () => {
    const unknown = await post('/api/rpc/app.nope', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_method' } });

    const invalid = await post('/api/rpc/app.info', '{"extra":1}');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers malformed JSON and wrong content types with an envelope, not a crash', async () => {
    const badJson = await post('/api/rpc/app.info', '{"unterminated');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const wrongType = await post('/api/rpc/app.info', 'hello', 'text/csv');
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const get = await fetch(`${server.url}/api/rpc/app.info`);
    expect(get.status).toBe(404);
    expect(await get.json()).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('serves the renderer with a strict content security policy', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('test renderer');
    expect(response.headers.get('content-security-policy')).toBe(WEB_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('reports an unreachable server and a non-API answer as transport errors', async () => {
    const notApi = await createHttpClient(`${server.url}/health`).call('app.info', {});
    expect(notApi).toMatchObject({ ok: false, error: { code: 'transport' } });

    const closed = await startTestServer();
    const url = closed.url;
    await closed.close();
    const unreachable = await createHttpClient(url).call('app.info', {});
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'transport' } });
  });
});

describe('web host without a built renderer', () => {
  it('answers 503 with a hint to build', async () => {
    const server = await startTestServer({ withRenderer: false });
    try {
      const response = await fetch(`${server.url}/`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build');
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
