import { isIP } from 'node:net';

/** True when `host` only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h.startsWith('::ffff:127.');
  return false;
}

export class BindRefusedError extends Error {
  readonly code = 'bind_requires_token';

  constructor(readonly host: string) {
    super(
      `Refusing to listen on ${host} without an API token: anyone who can reach this address ` +
        'could use the API. Give a token with --token-file <file> (or --token <token>, or the ' +
        'HOMELANE_TOKEN environment variable), or listen on 127.0.0.1.',
    );
    this.name = 'BindRefusedError';
  }
}

/** Throws unless the host is loopback or the API is protected by a token. */
export function assertBindAllowed(host: string, hasToken: boolean): void {
  if (!hasToken && !isLoopbackHost(host)) throw new BindRefusedError(host);
}
