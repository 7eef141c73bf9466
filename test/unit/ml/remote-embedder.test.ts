import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { Global } from '../../../src-main/core/config/schema/global';
import { loadMlRuntime } from '../../../src-main/core/ml/runtime/load-ml-runtime';
import type { LoadedMlRuntime } from '../../../src-main/core/ml/runtime/load-ml-runtime';
import {
  embeddingsUrl,
  RemoteEmbedder,
  RemoteEmbeddingError,
} from '../../../src-main/core/ml/runtime/remote-embedder';
import type { RemoteEmbedderOptions } from '../../../src-main/core/ml/runtime/remote-embedder';
import { readRemoteEmbeddingConfig } from '../../../src-main/core/ml/runtime/remote-embedding-config';
import { Router } from '../../../src-main/core/router/router';
import type { FakeEmbeddingsServer } from '../../support/fake-embeddings-server';
import { startFakeEmbeddingsServer } from '../../support/fake-embeddings-server';
import { makeTempDir } from '../../support/temp-dir';

// The remote embedding model, against a stand-in OpenAI-compatible server on
// 127.0.0.1 that speaks the real wire format and returns unnormalised vectors.

let server: FakeEmbeddingsServer;

beforeAll(async () => {
  server = await startFakeEmbeddingsServer();
});

afterEach(() => {
  server.requests.length = 0;
  Object.assign(server.switches, {
    reverseOrder: false,
    fail: null,
    delayMs: 0,
    rawBody: null,
    requiredKey: null,
    redirectTo: null,
  });
  vi.restoreAllMocks();
});

afterAll(async () => {
  await server?.close();
});

const normalised = (values: number[]) => {
  const norm = Math.hypot(...values);
  return values.map((v) => v / norm);
};
const embedder = (options: Partial<RemoteEmbedderOptions> = {}) =>
  new RemoteEmbedder({ baseUrl: server.url, model: 'nomic-embed-text', ...options });
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as RemoteEmbeddingError,
  );
const expectVector = (actual: Float32Array | undefined, expected: number[]) => {
  expect(actual).toBeDefined();
  expect(actual).toHaveLength(expected.length);
  expected.forEach((v, i) => expect(actual?.[i]).toBeCloseTo(v, 6));
};

describe('embeddingsUrl', () => {
  it.each([
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/v1/embeddings'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/v1/embeddings'],
    ['http://127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1/embeddings'],
    ['http://127.0.0.1:8080/v1/', 'http://127.0.0.1:8080/v1/embeddings'],
    ['http://127.0.0.1:8080/v1/embeddings', 'http://127.0.0.1:8080/v1/embeddings'],
    ['http://gpu-box/proxy/v1', 'http://gpu-box/proxy/v1/embeddings'],
    ['localhost:11434', 'http://localhost:11434/v1/embeddings'],
  ])('%s → %s', (base, url) => {
    expect(embeddingsUrl(base).href).toBe(url);
  });

  it('refuses other schemes and credentials in the URL', () => {
    expect(() => embeddingsUrl('ftp://127.0.0.1/')).toThrow(/not an http\(s\) URL/);
    expect(() => embeddingsUrl('http://me:secret@127.0.0.1/')).toThrow(/api_key_env/);
  });
});

describe('RemoteEmbedder', () => {
  it('names itself after the model and host and reports the remote provider', () => {
    const remote = embedder({ baseUrl: `${server.url}/v1` });
    expect(remote.id).toBe(`remote:nomic-embed-text@${new URL(server.url).host}`);
    expect(remote.executionProvider).toBe('remote');
  });

  it('posts {model, input} to /v1/embeddings and L2-normalises the vectors', async () => {
    server.setVector('alpha', [3, 0, 4, 0, 0, 0, 0, 0]);
    const [vector] = await embedder({ baseUrl: `${server.url}/v1/` }).embed(['alpha']);
    expectVector(vector, [0.6, 0, 0.8, 0, 0, 0, 0, 0]);
    expect(server.requests).toEqual([
      {
        method: 'POST',
        path: '/v1/embeddings',
        authorization: null,
        body: { model: 'nomic-embed-text', input: ['alpha'] },
      },
    ]);
  });

  it('sends texts in batches and returns one vector per text, in order', async () => {
    const texts = Array.from({ length: 70 }, (_, i) => `text number ${i}`);
    const vectors = await embedder().embed(texts);
    expect(server.requests.map((r) => (r.body?.input as string[]).length)).toEqual([32, 32, 6]);
    expect(server.requests.flatMap((r) => r.body?.input as string[])).toEqual(texts);
    expect(vectors).toHaveLength(70);
    texts.forEach((text, i) => expectVector(vectors[i], normalised(server.vectorFor(text))));
  });

  it('honours a smaller batch size', async () => {
    await embedder({ batchSize: 2 }).embed(['a', 'b', 'c']);
    expect(server.requests.map((r) => r.body?.input)).toEqual([['a', 'b'], ['c']]);
  });

  it('orders the vectors by `index`, not by their position in `data`', async () => {
    server.switches.reverseOrder = true;
    server.setVector('first', [1, 0, 0, 0, 0, 0, 0, 0]);
    server.setVector('second', [0, 2, 0, 0, 0, 0, 0, 0]);
    server.setVector('third', [0, 0, 5, 0, 0, 0, 0, 0]);
    const [a, b, c] = await embedder().embed(['first', 'second', 'third']);
    expectVector(a, [1, 0, 0, 0, 0, 0, 0, 0]);
    expectVector(b, [0, 1, 0, 0, 0, 0, 0, 0]);
    expectVector(c, [0, 0, 1, 0, 0, 0, 0, 0]);
  });

  it('truncates to the target dimension before normalising', async () => {
    server.setVector('long', [1, 2, 2, 0, 9, 9, 9, 9]);
    const [vector] = await embedder({ dimension: 4 }).embed(['long']);
    expectVector(vector, [1 / 3, 2 / 3, 2 / 3, 0]);
    // A target larger than the model's width keeps every dimension.
    const [whole] = await embedder({ dimension: 1024 }).embed(['long']);
    expect(whole).toHaveLength(8);
  });

  it('makes no request for no texts', async () => {
    expect(await embedder().embed([])).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('sends the bearer key named by api_key_env', async () => {
    server.switches.requiredKey = 'sk-local-123';
    const env = { EMBED_KEY: 'sk-local-123' };
    await embedder({ apiKeyEnv: 'EMBED_KEY', env }).embed(['x']);
    expect(server.requests[0]?.authorization).toBe('Bearer sk-local-123');
    const refused = await failureOf(embedder().embed(['x']));
    expect(refused).toBeInstanceOf(RemoteEmbeddingError);
    expect(refused).toMatchObject({ kind: 'http', status: 401 });
    expect(refused.message).toContain('401: Incorrect API key provided');
  });

  it('refuses to start when the named key variable is not set', () => {
    expect(() => embedder({ apiKeyEnv: 'NO_SUCH_KEY', env: {} })).toThrow(
      /\$NO_SUCH_KEY, which is not set/,
    );
  });

  it("reports an HTTP error with the server's message", async () => {
    server.switches.fail = { status: 404, message: 'model "nomic-embed-text" not found' };
    const error = await failureOf(embedder().embed(['x']));
    expect(error).toMatchObject({ kind: 'http', status: 404 });
    expect(error.message).toBe(
      `${server.url}/v1/embeddings answered 404: model "nomic-embed-text" not found`,
    );
  });

  it('gives up after the timeout', async () => {
    server.switches.delayMs = 400;
    const error = await failureOf(embedder({ timeoutMs: 50 }).embed(['x']));
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(error.message).toMatch(/did not answer within 50 ms/);
  });

  it('says so when nothing listens at the endpoint', async () => {
    const gone = await startFakeEmbeddingsServer();
    await gone.close();
    const error = await failureOf(embedder({ baseUrl: gone.url }).embed(['x']));
    expect(error).toMatchObject({ kind: 'connection' });
    expect(error.message).toMatch(/connection refused/);
  });

  it.each([
    ['not JSON', 'upstream connect error', /not JSON: upstream connect error/],
    ['no data', '{"object":"list"}', /data: /],
    ['a non-numeric embedding', '{"data":[{"index":0,"embedding":"abc"}]}', /data\.0\.embedding/],
    ['an empty embedding', '{"data":[{"index":0,"embedding":[]}]}', /data\.0\.embedding/],
    ['too few embeddings', '{"data":[]}', /0 embeddings for 1 inputs/],
    ['an index out of range', '{"data":[{"index":3,"embedding":[1]}]}', /index 3/],
  ])('refuses a body with %s', async (_, body, message) => {
    server.switches.rawBody = body;
    const error = await failureOf(embedder().embed(['x']));
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect(error.message).toMatch(message);
  });

  it('refuses repeated indices and vectors of changing width', async () => {
    server.switches.rawBody =
      '{"data":[{"index":0,"embedding":[1,0]},{"index":0,"embedding":[0,1]}]}';
    expect(await failureOf(embedder().embed(['a', 'b']))).toMatchObject({
      message: expect.stringMatching(/index 0 is out of range or repeated/),
    });
    server.switches.rawBody = null;
    const remote = embedder();
    await remote.embed(['a']);
    server.switches.rawBody = '{"data":[{"index":0,"embedding":[1,0,0]}]}';
    expect((await failureOf(remote.embed(['b']))).message).toMatch(
      /3-dimension vector after 8-dimension ones/,
    );
  });

  it('does not follow a redirect, so texts cannot be forwarded elsewhere', async () => {
    server.switches.redirectTo = 'https://api.example.com/v1/embeddings';
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const error = await failureOf(embedder().embed(['secret text']));
    expect(error).toMatchObject({ kind: 'redirect', status: 307 });
    expect(error.message).toContain('https://api.example.com/v1/embeddings');
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(server.requests).toHaveLength(1);
  });

  it('cannot be pointed at a cloud endpoint', () => {
    expect(() => embedder({ baseUrl: 'https://api.openai.com/v1' })).toThrow(
      /not on this machine or the local network/,
    );
  });
});

describe('readRemoteEmbeddingConfig', () => {
  const semantic = (settings: Record<string, unknown>) =>
    ({ model_catalog: { embeddings: { semantic: settings } } }) as Global;

  it('is off without a remote backend', () => {
    expect(readRemoteEmbeddingConfig(undefined)).toEqual({ kind: 'none' });
    expect(readRemoteEmbeddingConfig(semantic({ model_id: 'models/mmbert' }))).toEqual({
      kind: 'none',
    });
    expect(readRemoteEmbeddingConfig(semantic({ backend: 'candle', base_url: 'x' }))).toEqual({
      kind: 'none',
    });
  });

  it('reads every spelling', () => {
    for (const backend of ['openai_compatible', 'openai-compatible', 'OpenAI']) {
      expect(
        readRemoteEmbeddingConfig(
          semantic({
            backend,
            endpoint: 'http://gpu-box:8080',
            model_id: 'bge-m3',
            api_key_env: 'EMBED_KEY',
            embedding_config: { target_dimension: 512 },
            timeout_ms: 5000,
          }),
        ),
      ).toEqual({
        kind: 'remote',
        config: {
          baseUrl: 'http://gpu-box:8080',
          model: 'bge-m3',
          apiKeyEnv: 'EMBED_KEY',
          dimension: 512,
          timeoutMs: 5000,
        },
      });
    }
    expect(
      readRemoteEmbeddingConfig(
        semantic({
          backend: 'openai',
          url: 'http://127.0.0.1:1234',
          model: 'm',
          target_dimension: 256,
          embedding_config: { target_dimension: 768 },
        }),
      ),
    ).toEqual({
      kind: 'remote',
      config: { baseUrl: 'http://127.0.0.1:1234', model: 'm', dimension: 256 },
    });
  });

  it('prefers base_url and ignores settings of the wrong type', () => {
    expect(
      readRemoteEmbeddingConfig(
        semantic({
          backend: 'openai_compatible',
          base_url: 'http://a:1',
          endpoint: 'http://b:2',
          model: 'm',
          target_dimension: 'big',
          timeout_ms: -5,
        }),
      ),
    ).toEqual({ kind: 'remote', config: { baseUrl: 'http://a:1', model: 'm' } });
  });

  it('says what is missing', () => {
    expect(readRemoteEmbeddingConfig(semantic({ backend: 'openai_compatible' }))).toEqual({
      kind: 'invalid',
      reason: 'embeddings.semantic uses backend openai_compatible but sets no base_url or model',
    });
  });
});

describe('a remote embedding model through loadMlRuntime and the Router', () => {
  const temp = makeTempDir('homelane-remote-embed-');
  const opened: LoadedMlRuntime[] = [];

  afterAll(() => {
    for (const loaded of opened) loaded.candidateCache?.close();
    temp.cleanup();
  });

  const configFor = (semantic: string) =>
    loadConfigText(
      `version: v0.3
providers:
  defaults: { default_model: local }
  models:
    - { name: local, provider_model_id: qwen/qwen3, backend_refs: [{ endpoint: "localhost:8000" }] }
routing:
  modelCards: [{ name: local }]
  signals:
    embeddings:
      - { name: coding, threshold: 0.6, candidates: [python code] }
      - { name: legal, threshold: 0.6, candidates: [contract law] }
  decisions:
    - name: code_help
      rules: { type: embedding, name: coding }
      modelRefs: [{ model: local }]
global:
  model_catalog:
    embeddings:
      semantic: ${semantic}
`,
      'remote.yaml',
    ).config!;

  /** Each test its own data folder, so no test sees another's cached candidates. */
  let testNumber = 0;
  beforeEach(() => {
    testNumber++;
  });
  const load = async (semantic: string) => {
    const dataDir = join(temp.dir, `test-${testNumber}`);
    const config = configFor(semantic);
    const loaded = await loadMlRuntime(dataDir, config);
    opened.push(loaded);
    const router = await Router.create(config, { ml: loaded.ml });
    loaded.candidateCache?.seal();
    return { loaded, router };
  };
  const cosine = (a: number[], b: number[]) =>
    a.reduce((sum, v, i) => sum + v * (b[i] ?? 0), 0) / (Math.hypot(...a) * Math.hypot(...b));

  const CODE = [3, 1, 0, 0, 2, 0, 0, 1];
  const LAW = [0, 4, 1, 0, 0, 0, 2, 0];
  const QUERY = [2, 1, 0, 1, 1, 0, 0, 0];

  it('embeds candidates and requests on a loopback endpoint; scores are the cosines', async () => {
    server.setVector('python code', CODE);
    server.setVector('contract law', LAW);
    server.setVector('debug the contract code', QUERY);
    const { loaded, router } = await load(
      `{ backend: openai_compatible, base_url: "${server.url}/v1", model: nomic-embed-text }`,
    );
    expect(loaded.models).toEqual([
      { role: 'embedding', status: 'loaded', executionProvider: 'remote' },
    ]);

    const trace = await router.route({ text: 'debug the contract code' });
    // One prototype per rule, so score = 0.75·best + 0.25·mean(top-2) = the cosine.
    expect(trace.signal_values['embedding:coding']).toBeCloseTo(cosine(QUERY, CODE), 5);
    expect(trace.signal_values['embedding:legal']).toBeCloseTo(cosine(QUERY, LAW), 5);
    expect(cosine(QUERY, CODE)).toBeGreaterThan(0.6);
    expect(cosine(QUERY, LAW)).toBeLessThan(0.6);
    expect(trace.matched_signals['embedding']).toEqual(['coding']);
    expect(trace.decision).toBe('code_help');
    expect(trace.signals['embedding']?.model).toEqual({
      id: `remote:nomic-embed-text@${new URL(server.url).host}`,
      execution_provider: 'remote',
    });
    // A probe when opening, the candidates while preparing, then the request text.
    const inputs = server.requests.map((r) => r.body?.input as string[]);
    expect(inputs).toHaveLength(3);
    expect(inputs[1]?.slice().sort()).toEqual(['contract law', 'python code']);
    expect(inputs[2]).toEqual(['debug the contract code']);
  });

  it('reuses cached candidate vectors only while the endpoint serves the same model', async () => {
    const semantic = `{ backend: openai-compatible, url: "${server.url}", model: nomic-embed-text }`;
    await load(semantic);
    expect(server.requests).toHaveLength(2);
    // Same endpoint and model: only the probe goes out; candidates come from disk.
    server.requests.length = 0;
    await load(semantic);
    expect(server.requests.map((r) => r.body?.input)).toHaveLength(1);
    const probe = (server.requests[0]?.body?.input as string[])[0] ?? '';

    // The server now answers with other vectors under the same name: the cache is not used.
    server.requests.length = 0;
    server.setVector(probe, [1, 1, 1, 1, 1, 1, 1, 1]);
    await load(semantic);
    expect(server.requests).toHaveLength(2);
    expect((server.requests[1]?.body?.input as string[]).slice().sort()).toEqual([
      'contract law',
      'python code',
    ]);
  });

  it('refuses a cloud endpoint without sending anything; the signal is unavailable', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const { loaded, router } = await load(
      '{ backend: openai_compatible, base_url: "https://api.example.com", model: text-embedding-3-small }',
    );
    expect(loaded.models).toEqual([
      {
        role: 'embedding',
        status: 'error',
        reason:
          'the embeddings endpoint https://api.example.com is not on this machine or the local ' +
          'network; Homelane does not send request texts to cloud embedding services',
      },
    ]);
    expect(loaded.ml.embedder).toBeUndefined();
    const trace = await router.route({ text: 'debug the contract code' });
    expect(trace.signals['embedding']?.status).toBe('unavailable');
    expect(trace.matched_signals['embedding'] ?? []).toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(0);
  });

  it('reports an endpoint that does not answer as an error, leaving the signal unavailable', async () => {
    const gone = await startFakeEmbeddingsServer();
    await gone.close();
    const { loaded, router } = await load(
      `{ backend: openai_compatible, base_url: "${gone.url}", model: nomic-embed-text }`,
    );
    expect(loaded.models[0]).toMatchObject({ role: 'embedding', status: 'error' });
    expect(loaded.models[0]?.reason).toMatch(/connection refused/);
    const trace = await router.route({ text: 'debug the contract code' });
    expect(trace.signals['embedding']?.status).toBe('unavailable');
  });

  it('reports a remote backend without a model', async () => {
    const { loaded } = await load(`{ backend: openai_compatible, base_url: "${server.url}" }`);
    expect(loaded.models).toEqual([
      {
        role: 'embedding',
        status: 'error',
        reason: 'embeddings.semantic uses backend openai_compatible but sets no model',
      },
    ]);
  });
});
