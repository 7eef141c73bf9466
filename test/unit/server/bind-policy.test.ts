import { describe, expect, it } from 'vitest';
import {
  BindRefusedError,
  assertBindAllowed,
  isLoopbackHost,
} from '../../../src-main/core/server/bind-policy';

describe('bind policy', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])(
    '%s is loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
      expect(() => assertBindAllowed(host, false)).not.toThrow();
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', 'localhost.evil.test', ''])(
    '%s is not loopback: refused without a token, allowed with one',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
      expect(() => assertBindAllowed(host, false)).toThrow(BindRefusedError);
      expect(() => assertBindAllowed(host, true)).not.toThrow();
    },
  );

  it('says what to do about a refusal', () => {
    const error = new BindRefusedError('0.0.0.0');
    expect(error.code).toBe('bind_requires_token');
    expect(error.message).toContain('Refusing to listen on 0.0.0.0 without an API token');
    expect(error.message).toContain('--token-file');
  });
});
