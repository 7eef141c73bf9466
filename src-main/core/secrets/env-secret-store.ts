import type { SecretStore } from './secret-store';
import { SecretStoreError, assertSecretName } from './secret-store';

export interface EnvSecretStoreOptions {
  /**
   * The variables `list()` reports when they are set, e.g. every `api_key_env`
   * of the config. The environment holds far more than secrets, so without
   * this `list()` reports nothing; `get()` reads any valid name either way.
   */
  names?: Iterable<string>;
}

/**
 * Secrets from environment variables, read-only. A value is trimmed; an empty
 * or blank variable counts as unset.
 */
export class EnvSecretStore implements SecretStore {
  readonly kind = 'env';
  readonly writable = false;
  private readonly names: readonly string[];

  constructor(
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
    options: EnvSecretStoreOptions = {},
  ) {
    this.names = [...new Set(options.names ?? [])];
    for (const name of this.names) assertSecretName(name);
  }

  async get(name: string): Promise<string | undefined> {
    assertSecretName(name);
    return this.read(name);
  }

  async set(name: string): Promise<void> {
    throw this.readOnly(name);
  }

  async delete(name: string): Promise<boolean> {
    throw this.readOnly(name);
  }

  async list(): Promise<string[]> {
    return this.names.filter((name) => this.read(name) !== undefined).sort();
  }

  private read(name: string): string | undefined {
    // Only strings count: on a plain record, names like `constructor` reach the prototype.
    const value: unknown = this.env[name];
    if (typeof value !== 'string') return undefined;
    const trimmed = value.trim();
    return trimmed ? trimmed : undefined;
  }

  private readOnly(name: string): SecretStoreError {
    assertSecretName(name);
    return new SecretStoreError(
      'read_only',
      `${name} comes from an environment variable; change or unset it where the variable is defined`,
    );
  }
}
