import { ModelDownloadError } from './download-error';

// Turns what Node throws (fetch's TypeError with a socket cause, fs errno
// errors, abort reasons) into a ModelDownloadError with a stable code.

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

export interface ErrorContext {
  /** The hub endpoint, named in `offline` messages. */
  endpoint: string;
  /** The repository file being fetched, if any. */
  file?: string;
}

/** The first errno-style `code` on the error or along its `cause` chain. */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isAbort(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === 'AbortError' || errorCode(error) === 'ABORT_ERR')
  );
}

export function offlineError(context: ErrorContext, reason: string, cause?: unknown) {
  const where = context.file ? ` while downloading ${context.file}` : '';
  const resume = context.file ? ' What arrived is kept: run the pull again to resume.' : '';
  return new ModelDownloadError(
    'offline',
    `cannot download from ${context.endpoint}${where}: ${reason}.${resume} ` +
      'Check the network connection, or set HF_ENDPOINT (or --endpoint) to a reachable Hugging Face mirror.',
    { cause, ...(context.file ? { file: context.file } : {}) },
  );
}

export function abortedError(context: ErrorContext, cause?: unknown) {
  const what = context.file ? ` while downloading ${context.file}` : '';
  return new ModelDownloadError(
    'aborted',
    `the download was stopped${what}; what arrived is kept, so the next pull resumes it`,
    { cause, ...(context.file ? { file: context.file } : {}) },
  );
}

/**
 * Classifies an error from a download step. ModelDownloadErrors pass
 * through; errors that are neither disk, network nor abort errors are
 * returned unchanged (they are bugs, not conditions to explain).
 */
export function classifyDownloadError(error: unknown, context: ErrorContext): unknown {
  if (error instanceof ModelDownloadError) return error;
  const code = errorCode(error);
  if (code !== undefined && DISK_FULL_CODES.has(code)) {
    return new ModelDownloadError(
      'disk_full',
      `the disk is full${context.file ? ` while writing ${context.file}` : ''} (${code}): free some space and run the pull again`,
      { cause: error, ...(context.file ? { file: context.file } : {}) },
    );
  }
  if (isAbort(error)) return abortedError(context, error);
  if (code !== undefined && NETWORK_CODES.has(code)) {
    const detail = code === 'UND_ERR_SOCKET' ? 'the connection was closed' : code;
    return offlineError(context, detail, error);
  }
  // fetch rejects with a bare TypeError ("fetch failed", "terminated") when
  // the socket fails in a way undici does not tag with a code.
  if (
    error instanceof TypeError &&
    /fetch failed|terminated|other side closed/i.test(error.message)
  ) {
    return offlineError(context, error.message, error);
  }
  return error;
}
