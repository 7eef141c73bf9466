import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelDownloadError } from '../../../src-main/core/ml/download/download-error';
import { fileUrl, listRepoFiles, nextPageUrl } from '../../../src-main/core/ml/download/hub-client';
import {
  DEFAULT_HUB_ENDPOINT,
  HubEndpointError,
  hubHeaders,
  resolveHubSettings,
} from '../../../src-main/core/ml/download/hub-settings';
import type { FakeHub } from '../../support/fake-hub-server';
import { sha256Of, startFakeHub } from '../../support/fake-hub-server';
import { TEST_REPO, seedRepo, testHub } from '../../support/model-hub-fixture';

let hub: FakeHub;
let files: Map<string, Buffer>;
beforeAll(async () => {
  hub = await startFakeHub();
  files = seedRepo(hub);
});
afterAll(() => hub.close());

async function failure(promise: Promise<unknown>): Promise<ModelDownloadError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelDownloadError);
  return error as ModelDownloadError;
}

describe('hub settings', () => {
  it('takes the endpoint from the option, else HF_ENDPOINT, else huggingface.co', () => {
    expect(resolveHubSettings({ env: {} }).endpoint).toBe(DEFAULT_HUB_ENDPOINT);
    expect(
      resolveHubSettings({ env: { HF_ENDPOINT: 'https://mirror.example/hf/' } }).endpoint,
    ).toBe('https://mirror.example/hf');
    expect(
      resolveHubSettings({
        endpoint: 'http://127.0.0.1:9',
        env: { HF_ENDPOINT: 'https://x.example' },
      }).endpoint,
    ).toBe('http://127.0.0.1:9');
    expect(() => resolveHubSettings({ env: { HF_ENDPOINT: 'ftp://x' } })).toThrow(HubEndpointError);
    expect(() => resolveHubSettings({ endpoint: 'not a url', env: {} })).toThrow(
      /not a hub endpoint/,
    );
  });

  it('sends HF_TOKEN as a bearer token, and nothing without one', () => {
    const withToken = resolveHubSettings({ env: { HF_TOKEN: 'hf_abc' } });
    expect(hubHeaders(withToken)['authorization']).toBe('Bearer hf_abc');
    expect(hubHeaders(resolveHubSettings({ env: {} }))['authorization']).toBeUndefined();
  });

  it('builds resolve URLs with each path segment encoded', () => {
    const settings = resolveHubSettings({ env: {} });
    expect(fileUrl(settings, 'org/repo', 'main', 'onnx/layer 22/model.onnx')).toBe(
      'https://huggingface.co/org/repo/resolve/main/onnx/layer%2022/model.onnx',
    );
    expect(
      nextPageUrl('<https://h.example/api/x?cursor=2>; rel="next"', 'https://h.example/'),
    ).toBe('https://h.example/api/x?cursor=2');
    expect(nextPageUrl(null, 'https://h.example/')).toBeNull();
  });
});

describe('listRepoFiles', () => {
  it('lists files with sizes, the LFS sha256, and no sha256 for git files', async () => {
    const listed = await listRepoFiles(testHub(hub, { token: 'hf_secret' }), TEST_REPO, 'main');
    const byPath = new Map(listed.map((f) => [f.path, f]));
    const onnx = byPath.get('onnx/model.onnx');
    expect(onnx?.size).toBe(files.get('onnx/model.onnx')?.length);
    expect(onnx?.sha256).toBe(sha256Of(files.get('onnx/model.onnx') ?? Buffer.alloc(0)));
    expect(byPath.get('config.json')?.sha256).toBeNull();
    expect(byPath.get('config.json')?.oid).toMatch(/^[0-9a-f]{40}$/);
    expect(byPath.has('onnx')).toBe(false);
    const request = hub.requests.find((r) => r.path.startsWith('api/models/'));
    expect(request?.authorization).toBe('Bearer hf_secret');
  });

  it('follows the hub pagination (Link: rel="next")', async () => {
    hub.switches.pageSize = 2;
    try {
      const listed = await listRepoFiles(testHub(hub), TEST_REPO, 'main');
      expect(listed.map((f) => f.path).sort()).toEqual([
        'config.json',
        'model.safetensors',
        'onnx/model.onnx',
        'onnx/model.onnx.data',
        'tokenizer.json',
      ]);
    } finally {
      hub.switches.pageSize = null;
    }
  });

  it('says not_found for a repository the hub does not have', async () => {
    const error = await failure(listRepoFiles(testHub(hub), 'test-org/nothing-here', 'main'));
    expect(error.code).toBe('not_found');
    expect(error.status).toBe(404);
    expect(error.message).toContain('test-org/nothing-here@main');
  });

  it('says offline, naming the endpoint and HF_ENDPOINT, when nothing listens', async () => {
    const closed = await new Promise<number>((done) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => done(port));
      });
    });
    const settings = resolveHubSettings({ endpoint: `http://127.0.0.1:${closed}`, env: {} });
    const error = await failure(listRepoFiles(settings, TEST_REPO, 'main'));
    expect(error.code).toBe('offline');
    expect(error.message).toContain(`http://127.0.0.1:${closed}`);
    expect(error.message).toContain('HF_ENDPOINT');
  });

  it('gives up after the connect timeout when the endpoint accepts but never answers', async () => {
    const open: Socket[] = [];
    const silent: Server = createServer((socket) => void open.push(socket));
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const { port } = silent.address() as AddressInfo;
    try {
      const settings = resolveHubSettings({
        endpoint: `http://127.0.0.1:${port}`,
        env: {},
        connectTimeoutMs: 300,
      });
      const started = Date.now();
      const error = await failure(listRepoFiles(settings, TEST_REPO, 'main'));
      expect(error.code).toBe('offline');
      expect(error.message).toMatch(/no answer within 0\.3 s/);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      for (const socket of open) socket.destroy();
      await new Promise<void>((done) => silent.close(() => done()));
    }
  });
});
