import { fail, isErrorCode } from '../../../src-main/contract/result';
import type { HomelaneClient } from '../../../src-main/contract/client';
import type { Result } from '../../../src-main/contract/result';

function isEnvelope(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'data' in v;
  return v.ok === false && isErrorCode(v.error?.code) && typeof v.error?.message === 'string';
}

type EventSourceLike = Pick<EventSource, 'addEventListener' | 'removeEventListener' | 'close'>;
type EventSourceFactory = (url: string) => EventSourceLike;

const browserEventSource: EventSourceFactory | undefined =
  typeof EventSource === 'undefined' ? undefined : (url) => new EventSource(url);

/**
 * The HomelaneApi over HTTP against `homelane serve` (POST /api/rpc/{method});
 * pushed events arrive as server-sent events from GET /api/events, on one
 * stream shared by every listener and closed when the last one leaves. The
 * browser reconnects it by itself after a drop.
 */
export function createHttpClient(
  baseUrl: string,
  fetchImpl: typeof fetch = fetch,
  openEvents: EventSourceFactory | undefined = browserEventSource,
): HomelaneClient {
  const root = baseUrl.replace(/\/+$/, '');
  let source: EventSourceLike | undefined;
  let listeners = 0;
  return {
    transport: 'http',
    subscribe(event, listener) {
      if (!openEvents) return () => undefined;
      source ??= openEvents(`${root}/api/events`);
      const current = source;
      const handler = (message: Event) => {
        try {
          listener(JSON.parse((message as MessageEvent<string>).data) as never);
        } catch {
          // A payload that is not JSON is not ours; it is ignored.
        }
      };
      current.addEventListener(event, handler);
      listeners++;
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        current.removeEventListener(event, handler);
        listeners--;
        if (listeners === 0) {
          current.close();
          source = undefined;
        }
      };
    },
    async call(method, input) {
      let response: Response;
      try {
        response = await fetchImpl(`${root}/api/rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        return fail('transport', `Homelane's server cannot be reached: ${String(error)}`);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return fail('transport', `The server answered ${response.status} without a JSON body.`);
      }
      if (!isEnvelope(body)) {
        return fail('transport', `The server answered ${response.status} with an unexpected body.`);
      }
      return body as never;
    },
  };
}
