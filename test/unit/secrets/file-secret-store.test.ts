import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FileSecretStore,
  SECRETS_FILE_NAME,
} from '../../../src-main/core/secrets/file-secret-store';
import { SecretStoreError } from '../../../src-main/core/secrets/secret-store';
import { makeTempDir } from '../../support/temp-dir';

const KEY = 'sk-test-0123456789abcdef';
const posix = process.platform !== 'win32';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('homelane-secrets-');
});
afterEach(() => temp.cleanup());

const modeOf = (path: string) => statSync(path).mode & 0o777;

async function failure(promise: Promise<unknown>): Promise<SecretStoreError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SecretStoreError);
  return error as SecretStoreError;
}

describe('FileSecretStore', () => {
  it('stores, reads, lists and deletes secrets in secrets.json in the data folder', async () => {
    const store = new FileSecretStore(temp.dir);
    expect(store.path).toBe(join(temp.dir, SECRETS_FILE_NAME));
    expect(store.kind).toBe('file');
    expect(store.writable).toBe(true);
    expect(await store.list()).toEqual([]);
    expect(await store.get('OPENAI_API_KEY')).toBeUndefined();

    await store.set('OPENAI_API_KEY', KEY);
    await store.set('ANTHROPIC_API_KEY', 'ant-key-value');
    expect(await store.get('OPENAI_API_KEY')).toBe(KEY);
    expect(await store.list()).toEqual(['ANTHROPIC_API_KEY', 'OPENAI_API_KEY']);

    // A second store over the same folder sees what the first wrote.
    expect(await new FileSecretStore(temp.dir).get('ANTHROPIC_API_KEY')).toBe('ant-key-value');
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({
      version: 1,
      secrets: { ANTHROPIC_API_KEY: 'ant-key-value', OPENAI_API_KEY: KEY },
    });

    await store.set('OPENAI_API_KEY', 'sk-replaced-value');
    expect(await store.get('OPENAI_API_KEY')).toBe('sk-replaced-value');
    expect(await store.delete('OPENAI_API_KEY')).toBe(true);
    expect(await store.delete('OPENAI_API_KEY')).toBe(false);
    expect(await store.list()).toEqual(['ANTHROPIC_API_KEY']);
  });

  it.runIf(posix)('creates the file with mode 0600 whatever the umask', async () => {
    for (const umask of [0o000, 0o022, 0o377]) {
      const dir = join(temp.dir, `umask-${umask.toString(8)}`);
      mkdirSync(dir);
      const previous = process.umask(umask);
      try {
        const store = new FileSecretStore(dir);
        await store.set('KEY_A', KEY);
        expect(modeOf(store.path)).toBe(0o600);
        await store.set('KEY_B', KEY);
        expect(modeOf(store.path)).toBe(0o600);
      } finally {
        process.umask(previous);
      }
    }
  });

  it('leaves no temp files behind and does not change the folder mode', async () => {
    if (posix) chmodSync(temp.dir, 0o755);
    const store = new FileSecretStore(temp.dir);
    await store.set('KEY_A', KEY);
    await store.set('KEY_B', KEY);
    await store.delete('KEY_A');
    expect(readdirSync(temp.dir)).toEqual([SECRETS_FILE_NAME]);
    if (posix) expect(modeOf(temp.dir)).toBe(0o755);
  });

  it('creates a missing data folder on the first write', async () => {
    const dir = join(temp.dir, 'nested', 'data');
    const store = new FileSecretStore(dir);
    expect(await store.list()).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    await store.set('KEY_A', KEY);
    expect(await new FileSecretStore(dir).get('KEY_A')).toBe(KEY);
  });

  it('keeps concurrent updates from one store', async () => {
    const store = new FileSecretStore(temp.dir);
    const names = Array.from({ length: 20 }, (_, i) => `KEY_${i}`);
    await Promise.all(names.map((name) => store.set(name, `${name}-value-0123`)));
    expect(await store.list()).toEqual([...names].sort());
  });

  it.runIf(posix)('refuses a file group or others can access, naming it and the fix', async () => {
    const store = new FileSecretStore(temp.dir);
    await store.set('OPENAI_API_KEY', KEY);
    for (const mode of [0o644, 0o640, 0o604, 0o620]) {
      chmodSync(store.path, mode);
      for (const attempt of [store.get('OPENAI_API_KEY'), store.list(), store.set('X', KEY)]) {
        const error = await failure(attempt);
        expect(error.code).toBe('unsafe_permissions');
        expect(error.path).toBe(store.path);
        expect(error.message).toContain(store.path);
        expect(error.message).toContain(`chmod 600 "${store.path}"`);
        expect(error.message).toContain(mode.toString(8));
        expect(error.message).not.toContain(KEY);
      }
    }
    // The refused file was not rewritten.
    expect(modeOf(store.path)).toBe(0o620);
    chmodSync(store.path, 0o600);
    expect(await store.get('OPENAI_API_KEY')).toBe(KEY);
  });

  it('reports invalid JSON as corrupt with the path, never quoting the content', async () => {
    const store = new FileSecretStore(temp.dir);
    writeFileSync(store.path, `{"version":1,"secrets":{"K":"${KEY}" oops`, { mode: 0o600 });
    const error = await failure(store.get('K'));
    expect(error.code).toBe('corrupt');
    expect(error.path).toBe(store.path);
    expect(error.message).toContain(store.path);
    expect(error.message).not.toContain(KEY);
    expect(error.message).not.toContain('oops');
    expect(error.cause).toBeUndefined();
    // A corrupt file is not overwritten by a write either.
    expect((await failure(store.set('OTHER', 'value-0123'))).code).toBe('corrupt');
    expect(readFileSync(store.path, 'utf8')).toContain('oops');
  });

  it('reports a file of the wrong shape as corrupt', async () => {
    const store = new FileSecretStore(temp.dir);
    const shapes = [
      '[]',
      '{"secrets":{}}',
      '{"version":2,"secrets":{}}',
      '{"version":1,"secrets":[]}',
      `{"version":1,"secrets":{"K":42}}`,
      `{"version":1,"secrets":{"K":""}}`,
      `{"version":1,"secrets":{"bad name":"${KEY}"}}`,
    ];
    for (const text of shapes) {
      writeFileSync(store.path, text, { mode: 0o600 });
      const error = await failure(store.list());
      expect(error.code).toBe('corrupt');
      expect(error.message).toContain(store.path);
      expect(error.message).not.toContain(KEY);
    }
  });

  it('reports a data folder entry that is not a file as corrupt', async () => {
    const store = new FileSecretStore(join(temp.dir, 'data'));
    await store.set('A_KEY', KEY);
    const odd = new FileSecretStore(temp.dir, { fileName: 'data' });
    expect((await failure(odd.list())).code).toBe('corrupt');
  });

  it('rejects invalid names and empty values without writing', async () => {
    const store = new FileSecretStore(temp.dir);
    for (const name of ['', '1ABC', 'has space', 'a/b', 'x'.repeat(129), KEY + '!']) {
      const error = await failure(store.set(name, KEY));
      expect(error.code).toBe('invalid_name');
      expect(error.message).not.toContain(KEY);
    }
    expect((await failure(store.get('no way'))).code).toBe('invalid_name');
    expect((await failure(store.delete('no way'))).code).toBe('invalid_name');
    expect((await failure(store.set('EMPTY', ''))).code).toBe('invalid_value');
    expect((await failure(store.set('HUGE', 'x'.repeat(20_000)))).code).toBe('invalid_value');
    expect(existsSync(store.path)).toBe(false);
    await store.set('x'.repeat(128), KEY);
    await store.set('_a.b-c_9', KEY);
    expect(await store.list()).toEqual(['_a.b-c_9', 'x'.repeat(128)]);
  });

  it('treats prototype names as ordinary names', async () => {
    const store = new FileSecretStore(temp.dir);
    expect(await store.get('constructor')).toBeUndefined();
    await store.set('__proto__', KEY);
    expect(await new FileSecretStore(temp.dir).get('__proto__')).toBe(KEY);
    expect(await store.list()).toEqual(['__proto__']);
  });
});
