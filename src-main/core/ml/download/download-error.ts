// The ways a model download fails, each with a stable code that callers
// (the CLI, the app) can act on, and a message a person can act on.

export const DOWNLOAD_ERROR_CODES = [
  /** The repository, revision or a required file does not exist at the endpoint. */
  'not_found',
  /** A downloaded file does not match the size or sha256 the hub published. */
  'checksum_mismatch',
  /** The disk (or quota) is full. */
  'disk_full',
  /** The endpoint cannot be reached, the connection dropped, or it stalled. */
  'offline',
  /** The endpoint answered with an unexpected HTTP status or body. */
  'http_error',
  /** The caller stopped the download. */
  'aborted',
] as const;

export type DownloadErrorCode = (typeof DOWNLOAD_ERROR_CODES)[number];

export interface DownloadErrorDetails {
  cause?: unknown;
  /** HTTP status, for `http_error` and `not_found`. */
  status?: number;
  /** The repository file concerned, when there is one. */
  file?: string;
}

export class ModelDownloadError extends Error {
  readonly status: number | undefined;
  readonly file: string | undefined;

  constructor(
    readonly code: DownloadErrorCode,
    message: string,
    details: DownloadErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ModelDownloadError';
    this.status = details.status;
    this.file = details.file;
  }
}
