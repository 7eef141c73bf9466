import { fail, isErrorCode } from '../../../src-main/contract/result';
import type { HomelaneClient } from '../../../src-main/contract/client';
import type { Result } from '../../../src-main/contract/result';

function isEnvelope(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'data' in v;
  return v.ok === false && isErrorCode(v.error?.code) && typeof v.error?.message === 'string';
}

/** The HomelaneApi over HTTP against `homelane serve` (POST /api/rpc/{method}). */
export function createHttpClient(baseUrl: string, fetchImpl: typeof fetch = fetch): HomelaneClient {
  const root = baseUrl.replace(/\/+$/, '');
  return {
    transport: 'http',
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
