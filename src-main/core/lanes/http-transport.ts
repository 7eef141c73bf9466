import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';

// How a lane request goes over the wire: node:http(s) with keep-alive
// connections, kept per process. It replaces `fetch` on the hot path: for a
// streamed answer relayed event by event, fetch's WHATWG streams cost more
// CPU and latency than the request itself (bench/README.md, serve). Nothing
// is decompressed (no Accept-Encoding is sent) and redirects are not
// followed: an API that moves answers with its 3xx, and the key it was sent
// never travels to another host.

export interface WireRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** The body, already serialized. */
  body?: string;
}

/** An answer whose headers have arrived; its body is read with `chunks()`. */
export interface WireResponse {
  status: number;
  statusText: string;
  ok: boolean;
  header(name: string): string | null;
  /** The body, chunk by chunk; stopping early frees the connection. */
  chunks(): AsyncIterator<Uint8Array>;
  /**
   * Stops reading. What is left is drained for a moment so the connection
   * can serve the next request (a server often still has the last newline
   * of a stream to send); if it does not end by then it is dropped.
   */
  cancel(): void;
}

/** How long a stopped response may take to end before its connection is dropped. */
const DRAIN_MS = 1000;

// As many idle connections are kept as may be open: under load, answers end
// in bursts, and each connection closed for being one too many idle would be
// opened again a moment later (bench/README.md, serve).
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 256, maxFreeSockets: 256 };

/** Chunks read ahead of the reader before the body is paused. */
const READ_AHEAD = 16;
const agents = { http: new http.Agent(AGENT_OPTIONS), https: new https.Agent(AGENT_OPTIONS) };

/**
 * The body as pull-based chunks over 'data' events. The body flows while its
 * reader keeps up and is paused once READ_AHEAD chunks wait unread (pausing
 * and resuming for every chunk cost more than the chunk). Readable's own
 * async iterator is not used: it holds the stream in 'readable' mode, where a
 * stopped reader cannot drain it for reuse.
 */
function chunkReader(response: IncomingMessage): {
  next(): Promise<IteratorResult<Uint8Array>>;
  detach(): void;
} {
  const queue: Buffer[] = [];
  let ended = false;
  let failure: Error | undefined;
  let detached = false;
  let waiting:
    { resolve(result: IteratorResult<Uint8Array>): void; reject(error: Error): void } | undefined;
  const settle = () => {
    if (!waiting) return;
    const pending = waiting;
    const chunk = queue.shift();
    if (chunk !== undefined) {
      waiting = undefined;
      pending.resolve({ value: chunk, done: false });
    } else if (failure) {
      waiting = undefined;
      pending.reject(failure);
    } else if (ended) {
      waiting = undefined;
      pending.resolve({ value: undefined, done: true });
    }
  };
  response.on('data', (chunk: Buffer) => {
    if (detached) return;
    queue.push(chunk);
    if (queue.length >= READ_AHEAD) response.pause();
    settle();
  });
  response.on('end', () => {
    ended = true;
    settle();
  });
  response.on('error', (error) => {
    failure = error;
    settle();
  });
  response.on('close', () => {
    if (!ended && !failure) {
      failure = Object.assign(new Error('the connection closed mid-answer'), {
        code: 'ECONNRESET',
      });
      settle();
    }
  });
  return {
    next() {
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        settle();
        if (queue.length < READ_AHEAD && response.isPaused() && !detached) response.resume();
      });
    },
    detach() {
      detached = true;
      queue.length = 0;
      response.resume();
    },
  };
}

function wrap(response: IncomingMessage): WireResponse {
  const status = response.statusCode ?? 0;
  const reader = chunkReader(response);
  return {
    status,
    statusText: response.statusMessage ?? '',
    ok: status >= 200 && status < 300,
    header: (name) => {
      const value = response.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    chunks: () => ({ next: () => reader.next() }),
    cancel: () => {
      if (response.readableEnded || response.destroyed) return;
      // Read what is left (also when it has all arrived: until it is read,
      // the connection does not go back to the pool).
      if (!response.complete) {
        const drop = setTimeout(() => response.destroy(), DRAIN_MS);
        drop.unref();
        response.once('end', () => clearTimeout(drop));
      }
      reader.detach();
    },
  };
}

/** Sends the request; resolves when the response headers arrive. `signal` aborts it at any time. */
export function sendWire(request: WireRequest, signal: AbortSignal): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch (error) {
      reject(error);
      return;
    }
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') {
      reject(Object.assign(new Error(`unsupported protocol ${url.protocol}`), { code: 'EPROTO' }));
      return;
    }
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = String(Buffer.byteLength(request.body));
    }
    const send = (retry: boolean) => {
      const outgoing = (secure ? https : http).request(url, {
        method: request.method,
        headers,
        agent: secure ? agents.https : agents.http,
      });
      const onAbort = () =>
        outgoing.destroy(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' }));
      if (signal.aborted) {
        onAbort();
      } else {
        signal.addEventListener('abort', onAbort, { once: true });
      }
      outgoing.on('response', (response) => {
        // From here an abort ends the body read; a response that is complete
        // keeps its connection for the next request.
        signal.removeEventListener('abort', onAbort);
        const onBodyAbort = () => response.destroy(new Error('aborted'));
        signal.addEventListener('abort', onBodyAbort, { once: true });
        response.once('close', () => signal.removeEventListener('abort', onBodyAbort));
        resolve(wrap(response));
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        signal.removeEventListener('abort', onAbort);
        // A kept-alive connection the server closed just as it was reused
        // fails before any answer: the request is sent once more (the race
        // Node's documentation describes for keep-alive agents).
        if (retry && outgoing.reusedSocket && error.code === 'ECONNRESET' && !signal.aborted) {
          send(false);
          return;
        }
        reject(error);
      });
      outgoing.end(request.body);
    };
    send(true);
  });
}
