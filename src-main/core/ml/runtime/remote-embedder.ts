import { z } from 'zod';
import { errorCode } from '../download/classify-error';
import type { Embedder } from '../types';
import { endpointLocality, parseEndpointUrl } from '../../net/endpoint-locality';

// An embedding model served over an OpenAI-compatible `/v1/embeddings`
// endpoint (Ollama, llama.cpp, vLLM, LM Studio, TEI…). Request texts leave
// the process, so the endpoint must be on this machine or the local network:
// the constructor refuses anything else, and redirects are never followed
// (a local server must not be able to forward texts elsewhere).

export const DEFAULT_REMOTE_BATCH = 32;
export const DEFAULT_REMOTE_TIMEOUT_MS = 30_000;

export interface RemoteEmbedderOptions {
  /** `http://host:port`, with or without a trailing `/v1`. */
  baseUrl: string;
  model: string;
  /** Name of the environment variable holding a bearer key (never the key itself). */
  apiKeyEnv?: string;
  /** Keep the first N dimensions (matryoshka models); 0 or absent keeps them all. */
  dimension?: number;
  timeoutMs?: number;
  /** Texts per request. */
  batchSize?: number;
  /** Where `apiKeyEnv` is read from (tests); defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

export type RemoteEmbeddingErrorKind =
  'http' | 'invalid_response' | 'timeout' | 'connection' | 'redirect';

export class RemoteEmbeddingError extends Error {
  constructor(
    readonly kind: RemoteEmbeddingErrorKind,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RemoteEmbeddingError';
  }
}

/** The sentence people read when an embeddings endpoint is not local. */
export function cloudEndpointReason(baseUrl: string): string {
  return (
    `the embeddings endpoint ${baseUrl} is not on this machine or the local network; ` +
    'Homelane does not send request texts to cloud embedding services'
  );
}

/** `{base}/v1/embeddings`, whether `base` ends in `/`, `/v1` or `/v1/embeddings`. */
export function embeddingsUrl(baseUrl: string): URL {
  const parsed = parseEndpointUrl(baseUrl);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    throw new Error(`the embeddings endpoint ${baseUrl} is not an http(s) URL`);
  if (parsed.username || parsed.password)
    throw new Error('the embeddings endpoint URL carries credentials; name a key in api_key_env');
  let path = parsed.pathname.replace(/\/+$/, '');
  if (path.endsWith('/embeddings')) path = path.slice(0, -'/embeddings'.length);
  if (!path.endsWith('/v1')) path = `${path}/v1`;
  parsed.pathname = `${path}/embeddings`;
  parsed.search = '';
  parsed.hash = '';
  return parsed;
}

const ResponseSchema = z.object({
  data: z.array(
    z.object({
      index: z.number().int().nonnegative().optional(),
      embedding: z.array(z.number()).min(1),
    }),
  ),
});

export class RemoteEmbedder implements Embedder {
  readonly id: string;
  /** The full `/v1/embeddings` URL requests go to. */
  readonly url: string;
  private readonly model: string;
  private readonly apiKey: string | undefined;
  private readonly dimension: number;
  private readonly timeoutMs: number;
  private readonly batchSize: number;
  /** Length of the vectors returned so far; every response must agree. */
  private width: number | undefined;

  constructor(options: RemoteEmbedderOptions) {
    const url = embeddingsUrl(options.baseUrl);
    if (endpointLocality(url.href) === 'cloud')
      throw new Error(cloudEndpointReason(options.baseUrl));
    this.url = url.href;
    this.model = options.model;
    this.id = `remote:${options.model}@${url.host}`;
    if (options.apiKeyEnv) {
      const key = (options.env ?? process.env)[options.apiKeyEnv]?.trim();
      if (!key)
        throw new Error(
          `the embeddings endpoint needs the key in $${options.apiKeyEnv}, which is not set`,
        );
      this.apiKey = key;
    }
    this.dimension = Math.max(0, Math.floor(options.dimension ?? 0));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REMOTE_TIMEOUT_MS;
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_REMOTE_BATCH));
  }

  get executionProvider(): string {
    return 'remote';
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    // One batch at a time: the server is often a single home GPU.
    for (let start = 0; start < texts.length; start += this.batchSize) {
      vectors.push(...(await this.embedBatch(texts.slice(start, start + this.batchSize))));
    }
    return vectors;
  }

  private async embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    const body = await this.post(texts);
    const parsed = ResponseSchema.safeParse(body);
    if (!parsed.success) throw this.invalid(`unexpected body (${describeIssue(parsed.error)})`);
    const { data } = parsed.data;
    if (data.length !== texts.length)
      throw this.invalid(`${data.length} embeddings for ${texts.length} inputs`);
    const ordered = new Array<number[] | undefined>(texts.length);
    data.forEach((item, position) => {
      const index = item.index ?? position;
      if (index >= texts.length || ordered[index])
        throw this.invalid(`embedding index ${index} is out of range or repeated`);
      ordered[index] = item.embedding;
    });
    return ordered.map((embedding) => this.finish(embedding ?? []));
  }

  /** Truncates to the target dimension, then L2-normalises. */
  private finish(embedding: number[]): Float32Array {
    const size = this.dimension > 0 ? Math.min(this.dimension, embedding.length) : embedding.length;
    if (this.width === undefined) this.width = size;
    else if (size !== this.width)
      throw this.invalid(`a ${size}-dimension vector after ${this.width}-dimension ones`);
    const vector = Float32Array.from(embedding.slice(0, size));
    let sum = 0;
    for (const v of vector) sum += v * v;
    const norm = Math.sqrt(sum);
    return norm > 0 ? vector.map((v) => v / norm) : vector;
  }

  private async post(texts: readonly string[]): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
        },
        body: JSON.stringify({ model: this.model, input: texts }),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw this.transportError(error);
    }
    if (response.status >= 300 && response.status < 400)
      throw new RemoteEmbeddingError(
        'redirect',
        `${this.url} answered ${response.status} redirecting to ` +
          `${response.headers.get('location') ?? '(nowhere)'}; Homelane does not follow redirects for embeddings`,
        response.status,
      );
    if (!response.ok)
      throw new RemoteEmbeddingError(
        'http',
        `${this.url} answered ${response.status}: ${serverMessage(text) || response.statusText}`,
        response.status,
      );
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw this.invalid(`the body is not JSON: ${excerpt(text)}`);
    }
  }

  private transportError(error: unknown): RemoteEmbeddingError {
    if (error instanceof Error && error.name === 'TimeoutError')
      return new RemoteEmbeddingError(
        'timeout',
        `${this.url} did not answer within ${this.timeoutMs} ms`,
        undefined,
        { cause: error },
      );
    const code = errorCode(error);
    const what =
      code === 'ECONNREFUSED'
        ? 'connection refused (is the embedding server running?)'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'the host name could not be resolved'
          : (code ?? (error instanceof Error ? error.message : String(error)));
    return new RemoteEmbeddingError('connection', `cannot reach ${this.url}: ${what}`, undefined, {
      cause: error,
    });
  }

  private invalid(detail: string): RemoteEmbeddingError {
    return new RemoteEmbeddingError('invalid_response', `${this.url}: ${detail}`);
  }
}

/** The error message in an OpenAI (`{error:{message}}`), Ollama/TEI (`{error}`) or FastAPI (`{detail}`) body. */
function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object') {
      const { error, detail, message } = body as Record<string, unknown>;
      for (const candidate of [
        error && typeof error === 'object' ? (error as Record<string, unknown>)['message'] : error,
        detail,
        message,
      ]) {
        if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
      }
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return excerpt(text);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `${path}: ${issue.message}`;
}
