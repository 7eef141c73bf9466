import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../../src-main/core/secrets/file-secret-store';
import { SecretStoreError } from '../../../src-main/core/secrets/secret-store';
import type { SafeStorageLike } from '../../../src-main/electron/safe-storage-secret-store';
import {
  SAFE_SECRETS_FILE_NAME,
  SafeStorageSecretStore,
} from '../../../src-main/electron/safe-storage-secret-store';
import { makeTempDir } from '../../support/temp-dir';

const KEY = 'sk-ant-api03-0123456789abcdef';
const MAGIC = Buffer.from('v10');

/** A stand-in for Electron's safeStorage: a reversible byte transform with a header. */
class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend: string | undefined = undefined;
  encrypted = 0;

  constructor(private readonly mask = 0x5a) {}

  isEncryptionAvailable(): boolean {
    return this.available;
  }

  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    this.encrypted += 1;
    const body = Buffer.from(plainText, 'utf8').map((byte) => byte ^ this.mask);
    return Buffer.concat([MAGIC, body]);
  }

  decryptString(encrypted: Buffer): string {
    if (!encrypted.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('bad header');
    const text = Buffer.from(encrypted.subarray(MAGIC.length).map((byte) => byte ^ this.mask));
    const decoded = text.toString('utf8');
    if (!/^[\x20-\x7e]*$/.test(decoded)) throw new Error('Error while decrypting the ciphertext');
    return decoded;
  }

  getSelectedStorageBackend?(): string;
}

function withBackend(fake: FakeSafeStorage, backend: string): FakeSafeStorage {
  fake.getSelectedStorageBackend = () => backend;
  return fake;
}

async function failure(promise: Promise<unknown>): Promise<SecretStoreError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SecretStoreError);
  return error as SecretStoreError;
}

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('homelane-safe-');
});
afterEach(() => temp.cleanup());

describe('SafeStorageSecretStore', () => {
  it('keeps values encrypted, base64, in secrets.safe.json with mode 0600', async () => {
    const fake = new FakeSafeStorage();
    const store = new SafeStorageSecretStore(temp.dir, fake);
    expect(store.kind).toBe('safe-storage');
    expect(store.writable).toBe(true);
    expect(store.path).toBe(join(temp.dir, SAFE_SECRETS_FILE_NAME));
    expect(store.isAvailable()).toBe(true);

    await store.set('ANTHROPIC_API_KEY', KEY);
    expect(fake.encrypted).toBe(1);
    expect(await store.get('ANTHROPIC_API_KEY')).toBe(KEY);
    expect(await store.list()).toEqual(['ANTHROPIC_API_KEY']);

    const raw = readFileSync(store.path, 'utf8');
    expect(raw).not.toContain(KEY);
    const blob = (JSON.parse(raw) as { secrets: Record<string, string> }).secrets[
      'ANTHROPIC_API_KEY'
    ];
    expect(blob).toBeDefined();
    expect(fake.decryptString(Buffer.from(blob ?? '', 'base64'))).toBe(KEY);
    if (process.platform !== 'win32') expect(statSync(store.path).mode & 0o777).toBe(0o600);

    // A plain file store over the same folder does not see the encrypted file.
    expect(await new FileSecretStore(temp.dir).list()).toEqual([]);

    expect(await store.delete('ANTHROPIC_API_KEY')).toBe(true);
    expect(await store.get('ANTHROPIC_API_KEY')).toBeUndefined();
  });

  it('is unavailable when encryption is not, pointing headless setups elsewhere', async () => {
    const fake = new FakeSafeStorage();
    const store = new SafeStorageSecretStore(temp.dir, fake);
    await store.set('A_KEY', KEY);
    fake.available = false;
    expect(store.isAvailable()).toBe(false);
    for (const attempt of [store.get('A_KEY'), store.set('B_KEY', KEY)]) {
      const error = await failure(attempt);
      expect(error.code).toBe('unavailable');
      expect(error.message).toMatch(/headless/i);
      expect(error.message).toContain('secrets.json');
    }
    // Names can still be listed and removed without the keychain.
    expect(await store.list()).toEqual(['A_KEY']);
    expect(await store.delete('A_KEY')).toBe(true);
    expect(await store.list()).toEqual([]);
  });

  it("refuses Linux's basic_text backend unless allowed", async () => {
    const refused = new SafeStorageSecretStore(
      temp.dir,
      withBackend(new FakeSafeStorage(), 'basic_text'),
    );
    expect(refused.isAvailable()).toBe(false);
    const error = await failure(refused.set('A_KEY', KEY));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('keyring');

    const allowed = new SafeStorageSecretStore(
      temp.dir,
      withBackend(new FakeSafeStorage(), 'basic_text'),
      { allowBasicText: true },
    );
    await allowed.set('A_KEY', KEY);
    expect(await allowed.get('A_KEY')).toBe(KEY);

    const keyring = new SafeStorageSecretStore(
      temp.dir,
      withBackend(new FakeSafeStorage(), 'gnome_libsecret'),
    );
    expect(await keyring.get('A_KEY')).toBe(KEY);
  });

  it('reports blobs it cannot decode or decrypt as corrupt, without values', async () => {
    const store = new SafeStorageSecretStore(temp.dir, new FakeSafeStorage());
    await store.set('A_KEY', KEY);
    // Another "keychain" (a different mask) cannot decrypt what this one wrote.
    const other = new SafeStorageSecretStore(temp.dir, new FakeSafeStorage(0x33));
    const foreign = await failure(other.get('A_KEY'));
    expect(foreign.code).toBe('corrupt');
    expect(foreign.message).toContain('A_KEY');
    expect(foreign.message).toContain(store.path);
    expect(foreign.message).not.toContain(KEY);

    writeFileSync(store.path, JSON.stringify({ version: 1, secrets: { A_KEY: `${KEY}!!` } }));
    chmodSync(store.path, 0o600);
    const notBase64 = await failure(store.get('A_KEY'));
    expect(notBase64.code).toBe('corrupt');
    expect(notBase64.message).not.toContain(KEY);
  });

  it.runIf(process.platform !== 'win32')('refuses a file others can read', async () => {
    const store = new SafeStorageSecretStore(temp.dir, new FakeSafeStorage());
    await store.set('A_KEY', KEY);
    chmodSync(store.path, 0o644);
    const error = await failure(store.get('A_KEY'));
    expect(error.code).toBe('unsafe_permissions');
    expect(error.message).toContain(`chmod 600 "${store.path}"`);
  });
});
