import { ApiError } from '../../../contract';
import { APP_VERSION } from '../../version';

// Fetches a routing profile from a URL the person typed: http(s) only, a
// size cap checked against Content-Length and again while the body streams,
// one deadline for the whole exchange, and a refusal of anything that is
// plainly not YAML text (an HTML page, binary bytes). The YAML itself is
// checked by the config loader, which locates every problem.

export const DEFAULT_FETCH_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;

export interface FetchProfileOptions {
  maxBytes?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface FetchedProfile {
  /** The URL after redirects. */
  url: string;
  text: string;
  bytes: number;
}

/** Why a fetch was refused; `details.reason` is stable. */
export type FetchRefusal =
  'bad_url' | 'unreachable' | 'timeout' | 'http_error' | 'too_large' | 'not_yaml';

function refuse(
  code: 'invalid_input' | 'unavailable',
  reason: FetchRefusal,
  message: string,
  extra: Record<string, unknown> = {},
): ApiError {
  return new ApiError(code, message, { reason, ...extra });
}

export function parseProfileUrl(typed: string): URL {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    throw refuse('invalid_input', 'bad_url', `"${typed}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw refuse(
      'invalid_input',
      'bad_url',
      `A profile URL starts with http:// or https://, not ${url.protocol}`,
    );
  }
  if (url.username || url.password) {
    throw refuse('invalid_input', 'bad_url', 'A profile URL cannot carry a user name or password.');
  }
  return url;
}

/** Text that is plainly not YAML: an HTML page, or bytes that are not UTF-8 text. */
function notYamlReason(contentType: string, text: string): string | undefined {
  if (/^\s*</.test(text) && /<(!doctype|html|head|body)\b/i.test(text.slice(0, 2048)))
    return 'the URL returned an HTML page';
  if (contentType.includes('text/html')) return 'the URL returned an HTML page';
  if (text.includes('\u0000')) return 'the URL returned binary data';
  return undefined;
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        throw refuse(
          'invalid_input',
          'too_large',
          `The profile at this URL is larger than ${formatMb(maxBytes)}.`,
          { maxBytes },
        );
      }
      chunks.push(value);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(bytes);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

const formatMb = (bytes: number) =>
  `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;

export async function fetchProfileUrl(
  typed: string,
  options: FetchProfileOptions = {},
): Promise<FetchedProfile> {
  const url = parseProfileUrl(typed);
  const maxBytes = options.maxBytes ?? DEFAULT_FETCH_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  try {
    const response = await fetch(url, {
      headers: {
        accept: 'application/yaml, text/yaml, text/plain;q=0.9, */*;q=0.5',
        'user-agent': `homelane/${APP_VERSION}`,
      },
      redirect: 'follow',
      signal,
    });
    const finalUrl = response.url || url.href;
    if (!/^https?:/.test(finalUrl)) {
      throw refuse('invalid_input', 'bad_url', `The URL redirected to ${finalUrl}, not http(s).`);
    }
    if (!response.ok) {
      response.body?.cancel().catch(() => undefined);
      throw refuse(
        'unavailable',
        'http_error',
        `The server answered ${response.status} ${response.statusText || ''}`.trim() + '.',
        { status: response.status },
      );
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      response.body?.cancel().catch(() => undefined);
      throw refuse(
        'invalid_input',
        'too_large',
        `The profile at this URL is ${formatMb(declared)}; the most Homelane reads is ${formatMb(maxBytes)}.`,
        { maxBytes },
      );
    }
    const body = await readCapped(response, maxBytes);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw refuse('invalid_input', 'not_yaml', 'This is not YAML: the URL returned binary data.');
    }
    const why = notYamlReason(response.headers.get('content-type') ?? '', text);
    if (why) throw refuse('invalid_input', 'not_yaml', `This is not YAML: ${why}.`);
    return { url: finalUrl, text: text.replace(/^\uFEFF/, ''), bytes: body.byteLength };
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (deadline.aborted) {
      throw refuse(
        'unavailable',
        'timeout',
        `The URL did not answer within ${Math.round(timeoutMs / 1000)} s.`,
      );
    }
    if (options.signal?.aborted)
      throw refuse('unavailable', 'unreachable', 'The fetch was stopped.');
    const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
    throw refuse(
      'unavailable',
      'unreachable',
      `${url.host} cannot be reached${cause ? ` (${cause})` : ''}.`,
    );
  }
}
