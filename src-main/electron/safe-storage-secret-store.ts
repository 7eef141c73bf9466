import { FileSecretStore } from '../core/secrets/file-secret-store';
import type { SecretCodec } from '../core/secrets/file-secret-store';
import type { SecretStore } from '../core/secrets/secret-store';
import { SecretStoreError, assertSecretName } from '../core/secrets/secret-store';

/** The file the desktop app keeps encrypted API keys in, inside the data folder. */
export const SAFE_SECRETS_FILE_NAME = 'secrets.safe.json';

/**
 * The part of Electron's `safeStorage` this store uses (passed in, so the store
 * can be tested without Electron). `getSelectedStorageBackend` exists on Linux.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export interface SafeStorageSecretStoreOptions {
  /**
   * Accept Linux's `basic_text` backend, which encrypts with a fixed password
   * when no keyring is running (no real protection). Default false.
   */
  allowBasicText?: boolean;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * API keys encrypted with the OS keychain (Electron's safeStorage) and kept as
 * base64 blobs in `secrets.safe.json` (mode 0600) in the data folder. Reading
 * or storing a value needs encryption to be available; listing and removing
 * names do not.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly kind = 'safe-storage';
  readonly writable = true;
  /** The encrypted secrets file. */
  readonly path: string;
  private readonly file: FileSecretStore;

  constructor(
    dataDir: string,
    private readonly safeStorage: SafeStorageLike,
    private readonly options: SafeStorageSecretStoreOptions = {},
  ) {
    const codec: SecretCodec = {
      encode: (value) => this.encrypt(value),
      decode: (stored, name, path) => this.decrypt(stored, name, path),
    };
    this.file = new FileSecretStore(dataDir, {
      fileName: SAFE_SECRETS_FILE_NAME,
      codec,
      kind: this.kind,
    });
    this.path = this.file.path;
  }

  /** Whether values can be encrypted and decrypted now. */
  isAvailable(): boolean {
    return this.unavailableReason() === undefined;
  }

  async get(name: string): Promise<string | undefined> {
    assertSecretName(name);
    this.assertAvailable();
    return this.file.get(name);
  }

  async set(name: string, value: string): Promise<void> {
    assertSecretName(name);
    this.assertAvailable();
    await this.file.set(name, value);
  }

  delete(name: string): Promise<boolean> {
    return this.file.delete(name);
  }

  list(): Promise<string[]> {
    return this.file.list();
  }

  private unavailableReason(): string | undefined {
    if (!this.safeStorage.isEncryptionAvailable())
      return 'the OS keychain cannot encrypt right now (no keychain, or the app is not ready yet)';
    const backend = this.safeStorage.getSelectedStorageBackend?.();
    if (backend === 'basic_text' && !this.options.allowBasicText)
      return 'no keyring is running (Electron would fall back to a fixed, publicly known password)';
    return undefined;
  }

  private assertAvailable(): void {
    const reason = this.unavailableReason();
    if (reason === undefined) return;
    throw new SecretStoreError(
      'unavailable',
      `API keys cannot be stored in the OS keychain: ${reason}. Headless, use an environment ` +
        `variable or the private file store (secrets.json in the data folder) instead`,
    );
  }

  private encrypt(value: string): string {
    try {
      return this.safeStorage.encryptString(value).toString('base64');
    } catch {
      throw new SecretStoreError('unavailable', 'The OS keychain refused to encrypt the value');
    }
  }

  private decrypt(stored: string, name: string, path: string): string {
    if (!BASE64.test(stored))
      throw new SecretStoreError('corrupt', `The entry ${name} in ${path} is not base64`, {
        path,
      });
    try {
      return this.safeStorage.decryptString(Buffer.from(stored, 'base64'));
    } catch {
      throw new SecretStoreError(
        'corrupt',
        `The entry ${name} in ${path} cannot be decrypted (it may come from another user, ` +
          'machine or keychain); store it again',
        { path },
      );
    }
  }
}
