import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  LanProbeError,
  normalizeLanUrl,
  probeLanEndpoint,
} from '../../../src-main/core/lanes/lan-probe';
import type { LanProbeOptions } from '../../../src-main/core/lanes/lan-probe';
import { closedPort, startFakeLanServer } from '../../support/fake-lan-servers';
import type { FakeLanKind, FakeLanOptions, FakeLanServer } from '../../support/fake-lan-servers';
import { startStandInLlm } from '../../support/stand-in-llm';
import type { StandInLlm } from '../../support/stand-in-llm';

const options: LanProbeOptions = { connectTimeoutMs: 5_000, idleTimeoutMs: 5_000 };

const running: FakeLanServer[] = [];
async function serve(kind: FakeLanKind, extra: FakeLanOptions = {}): Promise<FakeLanServer> {
  const server = await startFakeLanServer(kind, extra);
  running.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** The LanProbeError the probe fails with (the test fails when it succeeds). */
async function probeError(url: string, extra: Partial<LanProbeOptions> = {}) {
  try {
    await probeLanEndpoint(url, { ...options, ...extra });
  } catch (error) {
    if (error instanceof LanProbeError) return error;
    throw error;
  }
  throw new Error(`probing ${url} succeeded`);
}

function onlyGets(server: FakeLanServer) {
  expect(server.requests.length).toBeGreaterThan(0);
  expect(server.requests.filter((request) => request.method !== 'GET')).toEqual([]);
}

describe('normalizeLanUrl', () => {
  it.each([
    ['192.168.1.20:8000', 'http://192.168.1.20:8000'],
    ['http://192.168.1.20:8000/v1', 'http://192.168.1.20:8000'],
    ['  http://gpu-box:8000/v1///  ', 'http://gpu-box:8000'],
    ['https://NAS.local/V1', 'https://nas.local'],
    ['gpu-box:1234/v1/models', 'http://gpu-box:1234'],
    ['http://host/proxy/llm/v1/chat/completions', 'http://host/proxy/llm'],
    ['http://host:11434/?x=1#top', 'http://host:11434'],
    ['[fd00::5]:8080', 'http://[fd00::5]:8080'],
  ])('reads %s', (input, root) => {
    expect(normalizeLanUrl(input)).toEqual({ root, api: `${root}/v1` });
  });

  it.each(['', '   ', 'ftp://host/v1', 'http://user:secret@host:8000', 'http://', 'http://a b'])(
    'refuses %j with invalid_url',
    (input) => {
      let error: unknown;
      try {
        normalizeLanUrl(input);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(LanProbeError);
      expect((error as LanProbeError).code).toBe('invalid_url');
    },
  );

  it('refuses an invalid URL in a probe before sending anything', async () => {
    const error = await probeError('ftp://127.0.0.1:1/v1');
    expect(error.code).toBe('invalid_url');
    expect(error.message).toContain('ftp://127.0.0.1:1/v1');
  });
});

describe('probeLanEndpoint over HTTP', () => {
  it('detects vLLM', async () => {
    const server = await serve('vllm');
    const result = await probeLanEndpoint(server.url, options);
    expect(result).toMatchObject({
      baseUrl: `${server.url}/v1`,
      kind: 'vllm',
      version: '0.11.0',
      models: [{ id: 'Qwen/Qwen3-8B', contextLength: 40960 }],
      locality: 'local',
    });
    expect(result.evidence).toContain('GET /v1/models lists models owned by "vllm"');
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    onlyGets(server);
  });

  it('detects llama.cpp, with the context size from /props', async () => {
    const server = await serve('llama.cpp');
    const result = await probeLanEndpoint(`${server.url}/v1`, options);
    expect(result).toMatchObject({
      kind: 'llama.cpp',
      version: 'b6500-1a2b3c4d',
      models: [{ id: 'qwen3-8b', contextLength: 8192 }],
    });
    onlyGets(server);
  });

  it('detects a llama.cpp router and which of its models are loaded', async () => {
    const server = await serve('llama.cpp-router');
    const result = await probeLanEndpoint(server.url, options);
    expect(result.kind).toBe('llama.cpp');
    expect(result.models).toEqual([
      { id: 'qwen3-8b', loaded: true },
      { id: 'gemma-3-4b', loaded: false },
    ]);
  });

  it('detects Ollama and asks /api/ps which models are loaded', async () => {
    const server = await serve('ollama');
    const result = await probeLanEndpoint(server.url, options);
    expect(result).toMatchObject({
      kind: 'ollama',
      version: '0.12.6',
      models: [
        { id: 'llama3.2:latest', loaded: false },
        { id: 'qwen3:8b', loaded: true, contextLength: 8192 },
      ],
    });
    expect(result.evidence[0]).toBe('GET / answered "Ollama is running"');
    expect(server.requests.map((request) => request.path)).toContain('/api/ps');
    onlyGets(server);
  });

  it('asks /api/ps only of Ollama', async () => {
    const server = await serve('vllm');
    await probeLanEndpoint(server.url, options);
    expect(server.requests.map((request) => request.path)).not.toContain('/api/ps');
  });

  it('detects LM Studio 0.4 with the context of its loaded instance', async () => {
    const server = await serve('lmstudio');
    const result = await probeLanEndpoint(server.url, options);
    expect(result.kind).toBe('lmstudio');
    expect(result.version).toBeUndefined();
    expect(result.models).toEqual([
      { id: 'qwen/qwen3-8b', loaded: true, contextLength: 16384 },
      { id: 'google/gemma-3-12b', loaded: false, contextLength: 131072 },
      { id: 'text-embedding-nomic-embed', loaded: false, contextLength: 2048 },
    ]);
    onlyGets(server);
  });

  it('detects LM Studio 0.3 from /api/v0/models', async () => {
    const server = await serve('lmstudio-0.3');
    const result = await probeLanEndpoint(server.url, options);
    expect(result.kind).toBe('lmstudio');
    expect(result.models[0]).toEqual({ id: 'qwen/qwen3-8b', loaded: true, contextLength: 32768 });
  });

  it('falls back to a plain OpenAI-compatible server', async () => {
    const server = await serve('openai-compatible');
    const result = await probeLanEndpoint(server.url, options);
    expect(result).toMatchObject({ kind: 'openai-compatible', models: [{ id: 'my-model' }] });
    expect(result.version).toBeUndefined();
    expect(result.evidence[0]).toBe('GET /v1/models answered an OpenAI model list (1 model)');
  });

  it('treats odd answers from the other endpoints as missing', async () => {
    const server = await serve('vllm', { oddAnswers: true });
    const result = await probeLanEndpoint(server.url, options);
    expect(result.kind).toBe('vllm');
    expect(result.version).toBeUndefined();
    expect(result.models).toEqual([{ id: 'Qwen/Qwen3-8B', contextLength: 40960 }]);
  });

  it('reads the address however it was typed', async () => {
    const server = await serve('openai-compatible');
    const typed = [
      `127.0.0.1:${server.port}`,
      `${server.url}/`,
      `${server.url}/v1/`,
      `${server.url}/v1/models`,
      ` localhost:${server.port}/v1 `,
    ];
    for (const url of typed) {
      const result = await probeLanEndpoint(url, options);
      expect(result.models).toEqual([{ id: 'my-model' }]);
      expect(result.baseUrl).toMatch(
        new RegExp(`^http://(127\\.0\\.0\\.1|localhost):${server.port}/v1$`),
      );
      expect(result.locality).toBe('local');
    }
  });
});

describe('probeLanEndpoint failures', () => {
  it('says nothing answered at a closed port', async () => {
    const port = await closedPort();
    const error = await probeError(`127.0.0.1:${port}`);
    expect(error.code).toBe('unreachable');
    expect(error.url).toBe(`http://127.0.0.1:${port}/v1`);
    expect(error.message).toContain(`http://127.0.0.1:${port}/v1`);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('says so when the server never answers', async () => {
    const server = await serve('vllm', { stallModels: true });
    const error = await probeError(server.url, { connectTimeoutMs: 200 });
    expect(error.code).toBe('unreachable');
    expect(error.message).toContain('did not answer within 200 ms');
  });

  it('asks for an API key on 401, and says when the key was refused', async () => {
    const server = await serve('vllm', { apiKey: 'secret' });
    const missing = await probeError(server.url);
    expect(missing.code).toBe('unauthorized');
    expect(missing.status).toBe(401);
    expect(missing.message).toContain(`${server.url}/v1`);
    expect(missing.message).toContain('add the server');

    const wrong = await probeError(server.url, { apiKey: 'guess' });
    expect(wrong.code).toBe('unauthorized');
    expect(wrong.message).toContain('refused the API key');

    server.requests.length = 0;
    const result = await probeLanEndpoint(server.url, { ...options, apiKey: 'secret' });
    expect(result.kind).toBe('vllm');
    expect(server.requests.every((request) => request.authorization === 'Bearer secret')).toBe(
      true,
    );
  });

  it('treats 403 as unauthorized', async () => {
    const server = await serve('openai-compatible', { modelsStatus: 403 });
    const error = await probeError(server.url);
    expect(error.code).toBe('unauthorized');
    expect(error.status).toBe(403);
  });

  it('notes a key wanted by llama.cpp, which lists its models without one', async () => {
    const server = await serve('llama.cpp', { apiKey: 'secret' });
    const result = await probeLanEndpoint(server.url, options);
    expect(result.kind).toBe('llama.cpp');
    expect(result.models).toEqual([{ id: 'qwen3-8b' }]);
    expect(result.evidence.at(-1)).toMatch(
      /^GET \/, GET \/version and \d+ more asked for an API key, so requests may need one too$/,
    );
  });

  it('reports a server failing to list its models', async () => {
    const server = await serve('vllm', { modelsStatus: 503 });
    const error = await probeError(server.url);
    expect(error.code).toBe('server_error');
    expect(error.status).toBe(503);
    expect(error.message).toContain('fake failure 503');
  });

  it('says a web site is not OpenAI-compatible', async () => {
    const server = await serve('web-page');
    const error = await probeError(server.url);
    expect(error.code).toBe('not_openai_compatible');
    expect(error.status).toBe(404);
    expect(error.message).toContain(`${server.url}/v1`);
  });

  it('says a page that answers every path is not OpenAI-compatible', async () => {
    const server = await serve('single-page-app');
    const error = await probeError(server.url);
    expect(error.code).toBe('not_openai_compatible');
    expect(error.message).toContain('not JSON');
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/models']);
  });

  it('does not follow a redirect, and names where it points', async () => {
    const elsewhere = await serve('openai-compatible');
    const server = await serve('openai-compatible', {
      redirectModelsTo: `${elsewhere.url}/v1/models`,
    });
    const error = await probeError(server.url, { apiKey: 'secret' });
    expect(error.code).toBe('not_openai_compatible');
    expect(error.status).toBe(301);
    expect(error.message).toContain(`${elsewhere.url}/v1/models`);
    expect(elsewhere.requests).toEqual([]);
  });

  it('does not read a model list longer than 1 MiB', async () => {
    const server = await serve('openai-compatible', { oversizeModels: true });
    const error = await probeError(server.url);
    expect(error.code).toBe('not_openai_compatible');
    expect(error.message).toContain('too long');
  });

  it('stops when the caller cancels', async () => {
    const server = await serve('vllm');
    const controller = new AbortController();
    controller.abort();
    const error = await probeError(server.url, { signal: controller.signal });
    expect(error.code).toBe('aborted');
    expect(server.requests).toEqual([]);
  });
});

describe('probeLanEndpoint against the stand-in LLM process', () => {
  let llm: StandInLlm;
  beforeAll(async () => {
    llm = await startStandInLlm();
  });
  afterAll(async () => {
    await llm.stop();
  });

  it('sees vLLM serving the stand-in models, asking only with GET', async () => {
    const result = await probeLanEndpoint(llm.url, options);
    expect(result.kind).toBe('vllm');
    expect(result.version).toBe('0.17.0+stand-in');
    expect(result.models.map((model) => model.id)).toEqual(['stand-in-small', 'stand-in-large']);
    expect(result.models[0]?.contextLength).toBe(32768);
    const requests = await llm.requests();
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });
});
