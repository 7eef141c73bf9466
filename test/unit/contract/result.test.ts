import { describe, expect, it } from 'vitest';
import { ERROR_CODES, fail, isErrorCode, ok } from '../../../src-main/contract';

describe('result envelope', () => {
  it('wraps data and errors', () => {
    expect(ok({ a: 1 })).toEqual({ ok: true, data: { a: 1 } });
    expect(fail('not_found', 'gone')).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'gone' },
    });
    expect(fail('invalid_input', 'bad', { path: 'x' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'bad', details: { path: 'x' } },
    });
  });

  it('recognises exactly the stable codes', () => {
    for (const code of ERROR_CODES) expect(isErrorCode(code)).toBe(true);
    expect(isErrorCode('INVALID_INPUT')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });
});
