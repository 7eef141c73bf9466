import { readFileSync, statSync } from 'node:fs';

/** The environment variable `homelane serve` reads its API token from. */
export const TOKEN_ENV = 'HOMELANE_TOKEN';

/** Shorter tokens are guessable by anyone on the network who keeps trying. */
export const MIN_TOKEN_LENGTH = 16;

export type TokenSourceErrorCode =
  | 'token_conflict'
  | 'token_file_unreadable'
  | 'token_file_not_private'
  | 'token_empty'
  | 'token_too_short'
  | 'token_invalid_characters';

export class TokenSourceError extends Error {
  constructor(
    readonly code: TokenSourceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TokenSourceError';
  }
}

export interface TokenSourceInput {
  /** `--token`: the token itself. */
  token?: string | undefined;
  /** `--token-file`: a file whose first line is the token. */
  tokenFile?: string | undefined;
  /** The process environment (HOMELANE_TOKEN). */
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}

export interface ResolvedToken {
  token: string;
  source: 'flag' | 'file' | 'env';
}

/** Visible ASCII only: a token has to survive a header, a URL and a shell. */
const TOKEN_CHARS = /^[\x21-\x7e]+$/;

function checkToken(token: string, where: string): string {
  if (token.length === 0) {
    throw new TokenSourceError('token_empty', `The API token from ${where} is empty.`);
  }
  if (!TOKEN_CHARS.test(token)) {
    throw new TokenSourceError(
      'token_invalid_characters',
      `The API token from ${where} has spaces or characters outside visible ASCII; ` +
        'use letters, digits and punctuation only.',
    );
  }
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new TokenSourceError(
      'token_too_short',
      `The API token from ${where} has ${token.length} characters; use at least ` +
        `${MIN_TOKEN_LENGTH} random ones (32 hex digits from a password generator will do).`,
    );
  }
  return token;
}

/** The first line of a token file that only its owner can read. */
export function readTokenFile(path: string, platform: NodeJS.Platform = process.platform): string {
  let text: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('it is not a regular file');
    // Group and other permission bits mean another account on this machine can read
    // (or replace) the token. Windows has no such bits.
    if (platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(3, '0');
      throw new TokenSourceError(
        'token_file_not_private',
        `The token file ${path} is open to other users (mode ${mode}); ` +
          `make it private with: chmod 600 ${path}`,
      );
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof TokenSourceError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new TokenSourceError(
      'token_file_unreadable',
      `The token file ${path} cannot be read: ${reason}`,
    );
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return checkToken(firstLine.trim(), `the file ${path}`);
}

/**
 * The API token for `homelane serve`: `--token` or `--token-file` (not both),
 * else HOMELANE_TOKEN, else none.
 */
export function resolveToken(input: TokenSourceInput): ResolvedToken | undefined {
  if (input.token !== undefined && input.tokenFile !== undefined) {
    throw new TokenSourceError(
      'token_conflict',
      'Give the API token once: --token or --token-file, not both.',
    );
  }
  if (input.token !== undefined) {
    return { token: checkToken(input.token.trim(), '--token'), source: 'flag' };
  }
  if (input.tokenFile !== undefined) {
    return { token: readTokenFile(input.tokenFile, input.platform), source: 'file' };
  }
  const fromEnv = (input.env ?? process.env)[TOKEN_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return { token: checkToken(fromEnv.trim(), TOKEN_ENV), source: 'env' };
  }
  return undefined;
}
