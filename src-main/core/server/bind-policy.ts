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
  constructor(readonly host: string) {
    super(
      `Refusing to listen on ${host}: Homelane binds to loopback (127.0.0.1) unless the API is ` +
        'protected by a token, and token authentication is not available in this version yet.',
    );
    this.name = 'BindRefusedError';
  }
}

/** Throws unless the host is loopback. */
export function assertBindAllowed(host: string): void {
  if (!isLoopbackHost(host)) throw new BindRefusedError(host);
}
