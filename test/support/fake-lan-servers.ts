import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Small real HTTP servers (node:http on 127.0.0.1, a free port) that answer
// GET requests the way each kind of LAN model server does, for tests. The
// shapes follow each server's own source and documentation:
//   vLLM       GET /version {"version"}, GET /health 200 with an empty body,
//              GET /v1/models entries with owned_by "vllm" and max_model_len.
//   llama.cpp  GET /health {"status":"ok"}, GET /props (default_generation_settings,
//              total_slots, model_path, build_info…), GET /v1/models with
//              owned_by "llamacpp" and `meta`, plus an Ollama-style `models`
//              list in the same body; GET / serves the web UI.
//              Router mode: /v1/models entries carry status.value.
//   Ollama     GET / "Ollama is running", /api/version, /api/tags, /api/ps,
//              GET /v1/models with owned_by "library" (the name's namespace).
//   LM Studio  GET /v1/models with owned_by "organization_owner" and no
//              `created`, GET /api/v0/models (0.3.6+), GET /api/v1/models (0.4+).
// Only what the probe asks is modelled; anything else answers 404.

export type FakeLanKind =
  | 'vllm'
  | 'llama.cpp'
  | 'llama.cpp-router'
  | 'ollama'
  | 'lmstudio'
  | 'lmstudio-0.3'
  | 'openai-compatible'
  /** A web site: a page at `/`, 404 elsewhere. */
  | 'web-page'
  /** A single-page app: the same HTML page for every path. */
  | 'single-page-app';

export interface FakeLanOptions {
  /**
   * A server started with an API key: requests without `Authorization: Bearer
   * <apiKey>` get 401 where that server checks it. vLLM checks paths under /v1
   * only; llama.cpp leaves /health, /v1/health, /models, /v1/models and
   * /api/tags public; the others here check every path.
   */
  apiKey?: string;
  /** GET /v1/models answers this status with an OpenAI-style error body. */
  modelsStatus?: number;
  /** GET /v1/models never sends its headers. */
  stallModels?: boolean;
  /** Every path other than /v1/models answers 200 with odd JSON (null, a number, a list). */
  oddAnswers?: boolean;
  /** GET /v1/models answers 301 to this address. */
  redirectModelsTo?: string;
  /** GET /v1/models answers a valid list padded past 1 MiB. */
  oversizeModels?: boolean;
}

export interface FakeLanRequest {
  method: string;
  path: string;
  authorization: string | null;
}

export interface FakeLanServer {
  /** `http://127.0.0.1:<port>` (no `/v1`). */
  url: string;
  port: number;
  requests: FakeLanRequest[];
  close(): Promise<void>;
}

interface Reply {
  status: number;
  type: string;
  body: string;
}

const json = (body: unknown, status = 200): Reply => ({
  status,
  type: 'application/json',
  body: JSON.stringify(body),
});
const plain = (body: string, status = 200): Reply => ({ status, type: 'text/plain', body });
const html = (body: string, status = 200): Reply => ({ status, type: 'text/html', body });

const PAGE = '<!doctype html><html><head><title>Home</title></head><body>Hello</body></html>';

function vllm(path: string): Reply | undefined {
  if (path === '/health') return { status: 200, type: 'text/plain', body: '' };
  if (path === '/version') return json({ version: '0.11.0' });
  if (path === '/v1/models') {
    return json({
      object: 'list',
      data: [
        {
          id: 'Qwen/Qwen3-8B',
          object: 'model',
          created: 1_760_000_000,
          owned_by: 'vllm',
          root: 'Qwen/Qwen3-8B',
          parent: null,
          max_model_len: 40960,
          permission: [],
        },
      ],
    });
  }
  return undefined;
}

function llamaCpp(path: string): Reply | undefined {
  if (path === '/health') return json({ status: 'ok' });
  if (path === '/') return html('<!doctype html><html><body>llama.cpp web UI</body></html>');
  if (path === '/props') {
    return json({
      default_generation_settings: { id: 0, id_task: -1, n_ctx: 8192, speculative: false },
      total_slots: 1,
      model_path: '/models/Qwen3-8B-Q4_K_M.gguf',
      chat_template: '...',
      chat_template_caps: {},
      modalities: { vision: false },
      build_info: 'b6500-1a2b3c4d',
      is_sleeping: false,
    });
  }
  if (path === '/v1/models' || path === '/api/tags') {
    return json({
      models: [{ name: 'qwen3-8b', model: 'qwen3-8b', modified_at: '', size: '', digest: '' }],
      object: 'list',
      data: [
        {
          id: 'qwen3-8b',
          object: 'model',
          created: 1_760_000_000,
          owned_by: 'llamacpp',
          meta: { vocab_type: 2, n_vocab: 151936, n_ctx_train: 40960, n_embd: 4096 },
        },
      ],
    });
  }
  return undefined;
}

function llamaCppRouter(path: string): Reply | undefined {
  if (path === '/health') return json({ status: 'ok' });
  if (path === '/v1/models') {
    const entry = (id: string, value: string) => ({
      id,
      object: 'model',
      owned_by: 'llamacpp',
      created: 1_760_000_000,
      status: { value, args: ['llama-server', '-m', `/models/${id}.gguf`] },
    });
    return json({
      data: [entry('qwen3-8b', 'loaded'), entry('gemma-3-4b', 'unloaded')],
      object: 'list',
    });
  }
  return undefined;
}

function ollama(path: string): Reply | undefined {
  const details = {
    parent_model: '',
    format: 'gguf',
    family: 'qwen3',
    families: ['qwen3'],
    parameter_size: '8.2B',
    quantization_level: 'Q4_K_M',
  };
  const tag = (name: string) => ({
    name,
    model: name,
    modified_at: '2025-10-01T10:00:00Z',
    size: 5_225_388_164,
    digest: 'a'.repeat(64),
    details,
  });
  if (path === '/') return plain('Ollama is running');
  if (path === '/api/version') return json({ version: '0.12.6' });
  if (path === '/api/tags') return json({ models: [tag('llama3.2:latest'), tag('qwen3:8b')] });
  if (path === '/api/ps') {
    return json({
      models: [
        {
          ...tag('qwen3:8b'),
          expires_at: '2025-10-01T10:05:00Z',
          size_vram: 5_225_388_164,
          context_length: 8192,
        },
      ],
    });
  }
  if (path === '/v1/models') {
    return json({
      object: 'list',
      data: ['llama3.2:latest', 'qwen3:8b'].map((id) => ({
        id,
        object: 'model',
        created: 1_759_312_800,
        owned_by: 'library',
      })),
    });
  }
  return plain('404 page not found', 404);
}

const LM_STUDIO_MODELS = ['qwen/qwen3-8b', 'google/gemma-3-12b', 'text-embedding-nomic-embed'];

function lmStudio(path: string, restV1: boolean): Reply | undefined {
  if (path === '/v1/models') {
    return json({
      data: LM_STUDIO_MODELS.map((id) => ({ id, object: 'model', owned_by: 'organization_owner' })),
      object: 'list',
    });
  }
  if (path === '/api/v0/models') {
    const entry = (id: string, type: string, state: string, max: number) => ({
      id,
      object: 'model',
      type,
      publisher: id.split('/')[0] ?? 'lmstudio-community',
      arch: 'qwen3',
      compatibility_type: 'gguf',
      quantization: 'Q4_K_M',
      state,
      max_context_length: max,
    });
    return json({
      object: 'list',
      data: [
        entry('qwen/qwen3-8b', 'llm', 'loaded', 32768),
        entry('google/gemma-3-12b', 'vlm', 'not-loaded', 131072),
        entry('text-embedding-nomic-embed', 'embeddings', 'not-loaded', 2048),
      ],
    });
  }
  if (path === '/api/v1/models' && restV1) {
    const model = (key: string, type: string, loaded: boolean, max: number) => ({
      type,
      publisher: key.split('/')[0] ?? 'lmstudio-community',
      key,
      display_name: key,
      quantization: { name: 'Q4_K_M', bits_per_weight: 4 },
      size_bytes: 5_000_000_000,
      params_string: null,
      loaded_instances: loaded ? [{ id: key, config: { context_length: 16384 } }] : [],
      max_context_length: max,
      format: 'gguf',
    });
    return json({
      models: [
        model('qwen/qwen3-8b', 'llm', true, 32768),
        model('google/gemma-3-12b', 'llm', false, 131072),
        model('text-embedding-nomic-embed', 'embedding', false, 2048),
      ],
    });
  }
  return json({ error: `Unexpected endpoint or method. (GET ${path})` }, 404);
}

function openAiCompatible(path: string): Reply | undefined {
  if (path === '/v1/models') {
    return json({
      object: 'list',
      data: [{ id: 'my-model', object: 'model', created: 0, owned_by: 'someone' }],
    });
  }
  return undefined;
}

function route(kind: FakeLanKind, path: string): Reply {
  let reply: Reply | undefined;
  switch (kind) {
    case 'vllm':
      reply = vllm(path);
      break;
    case 'llama.cpp':
      reply = llamaCpp(path);
      break;
    case 'llama.cpp-router':
      reply = llamaCppRouter(path);
      break;
    case 'ollama':
      reply = ollama(path);
      break;
    case 'lmstudio':
      reply = lmStudio(path, true);
      break;
    case 'lmstudio-0.3':
      reply = lmStudio(path, false);
      break;
    case 'openai-compatible':
      reply = openAiCompatible(path);
      break;
    case 'web-page':
      reply = path === '/' ? html(PAGE) : html('<h1>Not Found</h1>', 404);
      break;
    case 'single-page-app':
      reply = html(PAGE);
      break;
  }
  return reply ?? json({ detail: 'Not Found' }, 404);
}

const LLAMA_CPP_PUBLIC = new Set(['/health', '/v1/health', '/models', '/v1/models', '/api/tags']);

/** Whether the server checks the API key on this path. */
function guarded(kind: FakeLanKind, path: string): boolean {
  if (kind === 'vllm') return path.startsWith('/v1');
  if (kind === 'llama.cpp' || kind === 'llama.cpp-router') return !LLAMA_CPP_PUBLIC.has(path);
  return true;
}

const ODD = ['null', '42', '[1,2,3]', '"text"', '{"data":"nope","models":7,"version":12}'];

export async function startFakeLanServer(
  kind: FakeLanKind,
  options: FakeLanOptions = {},
): Promise<FakeLanServer> {
  const requests: FakeLanRequest[] = [];
  let odd = 0;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const authorization = req.headers.authorization ?? null;
    requests.push({ method: req.method ?? '', path, authorization });
    req.resume();
    let reply: Reply;
    const keyed = options.apiKey !== undefined && guarded(kind, path);
    if (keyed && authorization !== `Bearer ${options.apiKey ?? ''}`) {
      reply = json({ error: 'Unauthorized' }, 401);
    } else if (path === '/v1/models' && options.stallModels) {
      return;
    } else if (path === '/v1/models' && options.redirectModelsTo !== undefined) {
      res.writeHead(301, { location: options.redirectModelsTo });
      res.end();
      return;
    } else if (path === '/v1/models' && options.oversizeModels) {
      const padding = 'x'.repeat(1_200_000);
      reply = json({ object: 'list', data: [{ id: 'm', object: 'model', padding }] });
    } else if (path === '/v1/models' && options.modelsStatus !== undefined) {
      reply = json(
        { error: { message: `fake failure ${options.modelsStatus}`, type: 'server_error' } },
        options.modelsStatus,
      );
    } else if (path !== '/v1/models' && options.oddAnswers) {
      reply = { status: 200, type: 'application/json', body: ODD[odd++ % ODD.length] ?? 'null' };
    } else if (req.method !== 'GET') {
      reply = json({ error: { message: `${req.method ?? ''} is not allowed here` } }, 405);
    } else {
      reply = route(kind, path);
    }
    res.writeHead(reply.status, { 'content-type': reply.type });
    res.end(reply.body);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
