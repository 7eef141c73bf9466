import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnvSecretStore } from '../../../src-main/core/secrets/env-secret-store';
import { FileSecretStore } from '../../../src-main/core/secrets/file-secret-store';
import {
  LayeredSecretStore,
  createHeadlessSecretStore,
} from '../../../src-main/core/secrets/layered-secret-store';
import { SecretStoreError } from '../../../src-main/core/secrets/secret-store';
import { makeTempDir } from '../../support/temp-dir';

async function failure(promise: Promise<unknown>): Promise<SecretStoreError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SecretStoreError);
  return error as SecretStoreError;
}

describe('EnvSecretStore', () => {
  it('reads variables, trimmed, with blank ones counting as unset', async () => {
    const store = new EnvSecretStore({ A_KEY: '  sk-a-value \n', BLANK: '   ', EMPTY: '' });
    expect(store.kind).toBe('env');
    expect(store.writable).toBe(false);
    expect(await store.get('A_KEY')).toBe('sk-a-value');
    expect(await store.get('BLANK')).toBeUndefined();
    expect(await store.get('EMPTY')).toBeUndefined();
    expect(await store.get('MISSING')).toBeUndefined();
    expect(await store.get('constructor')).toBeUndefined();
    expect(await store.get('toString')).toBeUndefined();
  });

  it('lists only the configured names that are set', async () => {
    const env = { PATH: '/usr/bin', OPENAI_API_KEY: 'sk-1', ANTHROPIC_API_KEY: '' };
    expect(await new EnvSecretStore(env).list()).toEqual([]);
    const store = new EnvSecretStore(env, {
      names: ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GROQ_API_KEY', 'OPENAI_API_KEY'],
    });
    expect(await store.list()).toEqual(['OPENAI_API_KEY']);
  });

  it('defaults to process.env', async () => {
    const name = `HOMELANE_TEST_SECRET_${process.pid}`;
    process.env[name] = 'from-process-env';
    try {
      expect(await new EnvSecretStore().get(name)).toBe('from-process-env');
    } finally {
      delete process.env[name];
    }
  });

  it('is read-only and checks names', async () => {
    const store = new EnvSecretStore({ A_KEY: 'sk-a-value' });
    const set = await failure(store.set('A_KEY'));
    expect(set.code).toBe('read_only');
    expect(set.message).toContain('A_KEY');
    expect((await failure(store.delete('A_KEY'))).code).toBe('read_only');
    expect((await failure(store.get('not valid'))).code).toBe('invalid_name');
    expect(() => new EnvSecretStore({}, { names: ['bad name'] })).toThrow(SecretStoreError);
  });
});

describe('LayeredSecretStore', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir('homelane-layered-');
  });
  afterEach(() => temp.cleanup());

  it('lets the environment win, merges names and writes to the file store', async () => {
    const file = new FileSecretStore(temp.dir);
    await file.set('SHARED_KEY', 'from-file-value');
    await file.set('FILE_ONLY', 'file-only-value');
    const env = new EnvSecretStore(
      { SHARED_KEY: 'from-env-value', ENV_ONLY: 'env-only-value' },
      { names: ['SHARED_KEY', 'ENV_ONLY'] },
    );
    const store = new LayeredSecretStore(env, file);
    expect(store.kind).toBe('env+file');
    expect(store.writable).toBe(true);

    expect(await store.get('SHARED_KEY')).toBe('from-env-value');
    expect(await store.get('FILE_ONLY')).toBe('file-only-value');
    expect(await store.get('ENV_ONLY')).toBe('env-only-value');
    expect(await store.get('NOWHERE')).toBeUndefined();
    expect(await store.list()).toEqual(['ENV_ONLY', 'FILE_ONLY', 'SHARED_KEY']);
    expect(await store.sourceOf('SHARED_KEY')).toBe('env');
    expect(await store.sourceOf('FILE_ONLY')).toBe('file');
    expect(await store.sourceOf('NOWHERE')).toBeUndefined();

    await store.set('NEW_KEY', 'new-key-value');
    expect(await file.get('NEW_KEY')).toBe('new-key-value');
    // Setting a name the environment holds writes the file; the environment still wins.
    await store.set('SHARED_KEY', 'newer-file-value');
    expect(await file.get('SHARED_KEY')).toBe('newer-file-value');
    expect(await store.get('SHARED_KEY')).toBe('from-env-value');

    expect(await store.delete('SHARED_KEY')).toBe(true);
    expect(await file.get('SHARED_KEY')).toBeUndefined();
    expect(await store.get('SHARED_KEY')).toBe('from-env-value');
    expect(await store.delete('ENV_ONLY')).toBe(false);
    expect(await store.get('ENV_ONLY')).toBe('env-only-value');
  });

  it('passes errors of either layer on', async () => {
    const store = new LayeredSecretStore(new EnvSecretStore({}), new EnvSecretStore({}));
    expect(store.writable).toBe(false);
    expect((await failure(store.set('A_KEY', 'value-0123'))).code).toBe('read_only');
    expect((await failure(store.get('bad name'))).code).toBe('invalid_name');
    expect((await failure(store.sourceOf('bad name'))).code).toBe('invalid_name');
  });

  it('builds the headless store over the environment and secrets.json', async () => {
    const store = createHeadlessSecretStore(
      temp.dir,
      { OPENAI_API_KEY: 'sk-env' },
      {
        names: ['OPENAI_API_KEY'],
      },
    );
    await store.set('ANTHROPIC_API_KEY', 'ant-file-value');
    expect(await new FileSecretStore(temp.dir).get('ANTHROPIC_API_KEY')).toBe('ant-file-value');
    expect(await store.list()).toEqual(['ANTHROPIC_API_KEY', 'OPENAI_API_KEY']);
    expect(await store.get('OPENAI_API_KEY')).toBe('sk-env');
  });
});
