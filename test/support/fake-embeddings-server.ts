import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for an OpenAI-compatible embeddings server (Ollama, llama.cpp,
// vLLM…), for tests only: node:http on 127.0.0.1 with a free port, answering
//   POST /v1/embeddings  {model, input: string | string[]}
// with the real wire format
//   {object: 'list', data: [{object: 'embedding', index, embedding}], model, usage}
// and errors as `{error: {message, type, code}}`. Vectors are NOT normalised
// (as with many real servers). Switches make it misbehave.

export interface EmbeddingsRequest {
  method: string;
  path: string;
  authorization: string | null;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: { model?: unknown; input?: unknown } | undefined;
}

export interface FakeEmbeddingsSwitches {
  /** Answer with `data` in reverse order (the `index` fields stay true). */
  reverseOrder: boolean;
  /** Answer every request with this status and an OpenAI-style error message. */
  fail: { status: number; message: string } | null;
  /** Wait this long before answering. */
  delayMs: number;
  /** Answer 200 with this raw body instead of the embeddings. */
  rawBody: string | null;
  /** When set, requests without `Authorization: Bearer <key>` get 401. */
  requiredKey: string | null;
  /** Answer 307 with this Location (a server trying to forward the texts). */
  redirectTo: string | null;
}

export interface FakeEmbeddingsServer {
  /** `http://127.0.0.1:<port>` (no `/v1`). */
  url: string;
  switches: FakeEmbeddingsSwitches;
  requests: EmbeddingsRequest[];
  /** Pins the vector returned for a text; other texts get a deterministic pseudo-random one. */
  setVector(text: string, vector: number[]): void;
  /** The raw (unnormalised) vector the server returns for `text`. */
  vectorFor(text: string): number[];
  close(): Promise<void>;
}

export const FAKE_DIMENSION = 8;

/** Deterministic, unnormalised values in [-2, 2) derived from the text. */
function hashedVector(text: string, dimension: number): number[] {
  const digest = createHash('sha256').update(text).digest();
  return Array.from({ length: dimension }, (_, i) => (digest[i % digest.length] ?? 0) / 64 - 2);
}

export async function startFakeEmbeddingsServer(
  options: { dimension?: number } = {},
): Promise<FakeEmbeddingsServer> {
  const dimension = options.dimension ?? FAKE_DIMENSION;
  const pinned = new Map<string, number[]>();
  const requests: EmbeddingsRequest[] = [];
  const switches: FakeEmbeddingsSwitches = {
    reverseOrder: false,
    fail: null,
    delayMs: 0,
    rawBody: null,
    requiredKey: null,
    redirectTo: null,
  };
  const vectorFor = (text: string) => pinned.get(text) ?? hashedVector(text, dimension);

  const sendJson = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const sendError = (res: ServerResponse, status: number, message: string, type: string) =>
    sendJson(res, status, { error: { message, type, param: null, code: null } });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: EmbeddingsRequest['body'];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as EmbeddingsRequest['body'];
    } catch {
      body = undefined;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({
      method: req.method ?? '',
      path,
      authorization: req.headers.authorization ?? null,
      body,
    });
    if (switches.delayMs > 0) await new Promise((r) => setTimeout(r, switches.delayMs));
    if (req.method !== 'POST' || path !== '/v1/embeddings')
      return sendError(res, 404, `no route for ${req.method} ${path}`, 'not_found_error');
    if (switches.redirectTo) {
      res.writeHead(307, { location: switches.redirectTo });
      return res.end();
    }
    if (switches.requiredKey && req.headers.authorization !== `Bearer ${switches.requiredKey}`)
      return sendError(res, 401, 'Incorrect API key provided', 'invalid_request_error');
    if (switches.fail)
      return sendError(res, switches.fail.status, switches.fail.message, 'server_error');
    if (switches.rawBody !== null) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(switches.rawBody);
    }
    const input = body?.input;
    const texts = typeof input === 'string' ? [input] : input;
    if (
      typeof body?.model !== 'string' ||
      !Array.isArray(texts) ||
      !texts.every((t): t is string => typeof t === 'string')
    )
      return sendError(res, 400, "'model' and 'input' are required", 'invalid_request_error');
    const data = texts.map((text, index) => ({
      object: 'embedding',
      index,
      embedding: vectorFor(text),
    }));
    if (switches.reverseOrder) data.reverse();
    const tokens = texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);
    return sendJson(res, 200, {
      object: 'list',
      data,
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, String(error), 'server_error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    switches,
    requests,
    setVector: (text, vector) => pinned.set(text, vector),
    vectorFor,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
