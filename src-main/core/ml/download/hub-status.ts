import { ModelDownloadError } from './download-error';

// What a non-success HTTP answer from the hub means. The real hub answers
// 401 (not 404) for a repository that does not exist or is private, and says
// which in the X-Error-Code header.

const NOT_FOUND_CODES = new Set(['RepoNotFound', 'RevisionNotFound', 'EntryNotFound']);

export interface StatusContext {
  endpoint: string;
  repo: string;
  revision: string;
  /** The file asked for; absent for the repository listing. */
  file?: string;
}

export function statusError(response: Response, context: StatusContext): ModelDownloadError {
  const { status } = response;
  const hubCode = response.headers.get('x-error-code') ?? '';
  const what = context.file
    ? `${context.file} in ${context.repo}@${context.revision}`
    : `${context.repo}@${context.revision}`;
  const details = { status, ...(context.file ? { file: context.file } : {}) };
  if (status === 404 || NOT_FOUND_CODES.has(hubCode)) {
    return new ModelDownloadError(
      'not_found',
      `${context.endpoint} has no ${what} (HTTP ${status}${hubCode ? `, ${hubCode}` : ''})`,
      details,
    );
  }
  if (status === 401 || status === 403) {
    const gated =
      hubCode === 'GatedRepo' ? ' The repository is gated: accept its terms first.' : '';
    return new ModelDownloadError(
      'http_error',
      `${context.endpoint} refused access to ${what} (HTTP ${status}).${gated} If it needs an account, set HF_TOKEN to an access token.`,
      details,
    );
  }
  return new ModelDownloadError(
    'http_error',
    `${context.endpoint} answered HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''} for ${what}`,
    details,
  );
}
