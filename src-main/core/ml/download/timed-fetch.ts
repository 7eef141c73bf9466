import type { ErrorContext } from './classify-error';
import { abortedError, classifyDownloadError, offlineError } from './classify-error';

// fetch with the two timeouts a large download needs: one until the response
// headers arrive, and one between body chunks (a stalled transfer). The
// caller's AbortSignal stops either phase. Errors come out classified.

export interface TimedFetchOptions {
  headers: Record<string, string>;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  signal?: AbortSignal | undefined;
}

export interface TimedResponse {
  response: Response;
  /** The body, chunk by chunk; throws a classified error on stall or failure. */
  chunks(): AsyncGenerator<Uint8Array, void, undefined>;
  /** Releases the connection without reading the rest of the body. */
  discard(): Promise<void>;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export async function timedFetch(
  url: string,
  options: TimedFetchOptions,
  context: ErrorContext,
): Promise<TimedResponse> {
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  let timedOut: 'connect' | 'idle' | null = null;

  const explain = (error: unknown): unknown => {
    if (timedOut === 'connect')
      return offlineError(context, `no answer within ${seconds(options.connectTimeoutMs)}`, error);
    if (timedOut === 'idle')
      return offlineError(
        context,
        `no data arrived for ${seconds(options.idleTimeoutMs)} (the transfer stalled)`,
        error,
      );
    if (options.signal?.aborted) return abortedError(context, error);
    return classifyDownloadError(error, context);
  };

  if (options.signal?.aborted) throw abortedError(context, options.signal.reason);
  let timer = setTimeout(() => {
    timedOut = 'connect';
    controller.abort();
  }, options.connectTimeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { headers: options.headers, signal, redirect: 'follow' });
  } catch (error) {
    throw explain(error);
  } finally {
    clearTimeout(timer);
  }

  async function* chunks(): AsyncGenerator<Uint8Array, void, undefined> {
    if (!response.body) return;
    const reader = response.body.getReader();
    let finished = false;
    try {
      for (;;) {
        timer = setTimeout(() => {
          timedOut = 'idle';
          controller.abort();
        }, options.idleTimeoutMs);
        let result: Awaited<ReturnType<typeof reader.read>>;
        try {
          result = await reader.read();
        } catch (error) {
          finished = true;
          throw explain(error);
        } finally {
          clearTimeout(timer);
        }
        if (result.done) {
          finished = true;
          return;
        }
        yield result.value;
      }
    } finally {
      if (!finished) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }

  const discard = async () => {
    await response.body?.cancel().catch(() => undefined);
  };

  return { response, chunks, discard };
}
