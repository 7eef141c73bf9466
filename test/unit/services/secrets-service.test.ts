import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvSecretStore } from '../../../src-main/core/secrets/env-secret-store';
import { FileSecretStore } from '../../../src-main/core/secrets/file-secret-store';
import { LayeredSecretStore } from '../../../src-main/core/secrets/layered-secret-store';
import { dispatch } from '../../../src-main/core/services/dispatch';
import { appContext } from './app-context-fixture';
import type { AppContextFixture } from './app-context-fixture';

// Keys from the Settings page: names and where each is kept, never a value —
// not in a list, not in an answer, not in an error.

const VALUE = 'sk-test-0123456789abcdef-DO-NOT-ECHO';
const ENV_VALUE = 'env-value-should-never-appear-7f3a';
let app: AppContextFixture;

beforeAll(async () => {
  app = await appContext({
    prepare: (dataDir) =>
      writeFileSync(
        join(dataDir, 'lanes.json'),
        JSON.stringify({
          version: 1,
          lan: [
            {
              name: 'box',
              baseUrl: 'http://127.0.0.1:9/v1',
              kind: 'vllm',
              aliases: {},
              apiKeySecret: 'BOX_KEY',
            },
          ],
        }),
      ),
  });
  // As `homelane serve` layers them: environment variables over a private file.
  app.context.secrets = new LayeredSecretStore(
    new EnvSecretStore({ SHARED_KEY: ENV_VALUE, BOX_KEY: undefined }, { names: ['SHARED_KEY'] }),
    new FileSecretStore(app.dataDir),
  );
});
afterAll(() => app.close());

const everything: unknown[] = [];
async function call(method: Parameters<typeof dispatch>[1], input: unknown) {
  const result = await dispatch(app.handlers, method, input);
  everything.push(result);
  return result;
}

describe('secrets.list / secrets.set / secrets.remove', () => {
  it('lists what is referenced but missing before anything is stored', async () => {
    const result = await call('secrets.list', {});
    expect(result).toEqual({
      ok: true,
      data: {
        store: 'file',
        writable: true,
        secrets: [{ name: 'SHARED_KEY', storedIn: 'env', overriddenByEnv: false, usedBy: [] }],
        missing: [{ name: 'BOX_KEY', usedBy: ['endpoint box'] }],
      },
    });
  });

  it('stores a key write-only: the answer and the list hold its name, never its value', async () => {
    const set = await call('secrets.set', { name: 'BOX_KEY', value: VALUE });
    expect(set).toEqual({
      ok: true,
      data: { name: 'BOX_KEY', storedIn: 'file', overriddenByEnv: false },
    });
    expect(await app.context.secrets?.get('BOX_KEY')).toBe(VALUE);
    const list = await call('secrets.list', {});
    expect(list.ok && (list.data as { secrets: unknown[]; missing: unknown[] })).toEqual({
      store: 'file',
      writable: true,
      secrets: [
        { name: 'BOX_KEY', storedIn: 'file', overriddenByEnv: false, usedBy: ['endpoint box'] },
        { name: 'SHARED_KEY', storedIn: 'env', overriddenByEnv: false, usedBy: [] },
      ],
      missing: [],
    });
    // Stored in the data folder's private file, as `homelane secrets set` does.
    expect(readFileSync(join(app.dataDir, 'secrets.json'), 'utf8')).toContain('BOX_KEY');
  });

  it('says when an environment variable overrides a stored key', async () => {
    const set = await call('secrets.set', { name: 'SHARED_KEY', value: VALUE });
    expect(set.ok && set.data).toEqual({
      name: 'SHARED_KEY',
      storedIn: 'file',
      overriddenByEnv: true,
    });
    const removed = await call('secrets.remove', { name: 'SHARED_KEY' });
    expect(removed).toEqual({ ok: true, data: { name: 'SHARED_KEY', stillFromEnv: true } });
    const again = await call('secrets.remove', { name: 'SHARED_KEY' });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(!again.ok && again.error.message).toContain('environment variable');
  });

  it('refuses a bad name or value without repeating it', async () => {
    const pasted = await call('secrets.set', { name: `${VALUE} with spaces`, value: 'x' });
    expect(pasted).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const long = await call('secrets.set', { name: 'LONG', value: VALUE.repeat(1000) });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const empty = await call('secrets.set', { name: 'EMPTY', value: '' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('never put a value in anything it answered', () => {
    const answered = JSON.stringify(everything);
    expect(answered).not.toContain(VALUE);
    expect(answered).not.toContain(ENV_VALUE);
    expect(answered).not.toContain('DO-NOT-ECHO');
  });
});
