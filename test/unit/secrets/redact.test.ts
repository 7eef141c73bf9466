import { describe, expect, it } from 'vitest';
import {
  MIN_REDACTED_LENGTH,
  REDACTED,
  createRedactor,
  redactSecrets,
} from '../../../src-main/core/secrets/redact';

describe('redactSecrets', () => {
  it('replaces every occurrence of each known value', () => {
    const key = 'sk-proj-abcdef0123456789';
    const text = `Authorization: Bearer ${key}\nretry with ${key}; other=ant-api03-xyzxyzxyz`;
    const out = redactSecrets(text, [key, 'ant-api03-xyzxyzxyz']);
    expect(out).toBe(
      `Authorization: Bearer ${REDACTED}\nretry with ${REDACTED}; other=${REDACTED}`,
    );
    expect(REDACTED).toBe('[redacted]');
  });

  it('leaves values shorter than 8 characters alone', () => {
    expect(MIN_REDACTED_LENGTH).toBe(8);
    expect(redactSecrets('the key is 1234567 or 12345678', ['1234567', '12345678'])).toBe(
      `the key is 1234567 or ${REDACTED}`,
    );
    expect(redactSecrets('nothing to hide', [])).toBe('nothing to hide');
    expect(redactSecrets('nothing to hide', [''])).toBe('nothing to hide');
  });

  it('treats values literally, not as patterns', () => {
    const key = 'a.b*c+d?(e)[f]{g}|h^$\\';
    expect(redactSecrets(`x ${key} y axbbbcdde`, [key])).toBe(`x ${REDACTED} y axbbbcdde`);
    expect(redactSecrets('cost $1 and $& more!', ['$& more!'])).toBe(`cost $1 and ${REDACTED}`);
  });

  it('hides a value that contains another one whole', () => {
    const short = 'secret-part';
    const long = 'prefix-secret-part-suffix';
    expect(redactSecrets(`${long} / ${short}`, [short, long])).toBe(`${REDACTED} / ${REDACTED}`);
  });

  it('also matches the trimmed form of a value read with surrounding space', () => {
    expect(redactSecrets('key=sk-live-99887766', ['  sk-live-99887766\n'])).toBe(`key=${REDACTED}`);
  });

  it('reuses one redactor across texts', () => {
    const redact = createRedactor(['token-value-1']);
    expect(redact('a token-value-1')).toBe(`a ${REDACTED}`);
    expect(redact('b token-value-1 token-value-1')).toBe(`b ${REDACTED} ${REDACTED}`);
    expect(redact('no secret here')).toBe('no secret here');
  });
});
