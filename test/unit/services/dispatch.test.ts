import { describe, expect, it } from 'vitest';
import { ApiError, AppInfoSchema } from '../../../src-main/contract';
import { dispatch } from '../../../src-main/core/services/dispatch';
import { bareServiceContext } from '../../../src-main/core/services/create-context';
import { createHandlers } from '../../../src-main/core/services/handlers';
import type { ServiceHandlers } from '../../../src-main/core/services/handlers';
import { APP_VERSION } from '../../../src-main/core/version';

const handlers = createHandlers(bareServiceContext('server', '/data/homelane'));

function failing(error: unknown): ServiceHandlers {
  return {
    ...handlers,
    'app.info': () => {
      throw error;
    },
  };
}

describe('dispatch', () => {
  it('runs a method and returns its output in the envelope', async () => {
    const result = await dispatch(handlers, 'app.info', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const info = AppInfoSchema.parse(result.data);
    expect(info).toMatchObject({
      name: 'Homelane',
      version: APP_VERSION,
      runtime: 'server',
      dataDir: '/data/homelane',
      profile: null,
    });
  });

  it('treats a missing input as an empty object', async () => {
    expect((await dispatch(handlers, 'app.info', undefined)).ok).toBe(true);
  });

  it('refuses an unknown method, including inherited property names', async () => {
    for (const method of ['app.nope', 'toString', '__proto__', '']) {
      const result = await dispatch(handlers, method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('refuses input that does not match the schema, naming the path', async () => {
    const result = await dispatch(handlers, 'app.info', { verbose: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (result.ok) return;
    expect(result.error.message).toContain('verbose');
    expect(result.error.details).toEqual({
      issues: [expect.objectContaining({ path: '(input)' })],
    });
    expect((await dispatch(handlers, 'app.info', 'text')).ok).toBe(false);
  });

  it('passes an ApiError through with its code and details', async () => {
    const result = await dispatch(
      failing(new ApiError('unavailable', 'lane down', { lane: 'x' })),
      'app.info',
      {},
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'lane down', details: { lane: 'x' } },
    });
  });

  it('turns an unexpected throw into `internal` without leaking its message', async () => {
    const result = await dispatch(failing(new Error('secret stack detail')), 'app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (result.ok) return;
    expect(result.error.message).not.toContain('secret stack detail');
  });
});
