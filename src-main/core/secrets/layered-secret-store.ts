import { EnvSecretStore } from './env-secret-store';
import type { EnvSecretStoreOptions } from './env-secret-store';
import { FileSecretStore } from './file-secret-store';
import type { SecretStore } from './secret-store';
import { assertSecretName } from './secret-store';

/**
 * Two stores as one: `first` (environment variables, read-only) wins over
 * `store`, which takes every `set` and `delete`. `list()` merges the names.
 */
export class LayeredSecretStore implements SecretStore {
  readonly kind: string;
  readonly writable: boolean;

  constructor(
    readonly first: SecretStore,
    readonly store: SecretStore,
  ) {
    this.kind = `${first.kind}+${store.kind}`;
    this.writable = store.writable;
  }

  async get(name: string): Promise<string | undefined> {
    return (await this.first.get(name)) ?? this.store.get(name);
  }

  set(name: string, value: string): Promise<void> {
    return this.store.set(name, value);
  }

  delete(name: string): Promise<boolean> {
    return this.store.delete(name);
  }

  async list(): Promise<string[]> {
    const [first, rest] = await Promise.all([this.first.list(), this.store.list()]);
    return [...new Set([...first, ...rest])].sort();
  }

  /** The kind of the store `get(name)` answers from, or undefined when none has it. */
  async sourceOf(name: string): Promise<string | undefined> {
    assertSecretName(name);
    if ((await this.first.get(name)) !== undefined) return this.first.kind;
    if ((await this.store.get(name)) !== undefined) return this.store.kind;
    return undefined;
  }
}

/** Headless: environment variables first, then `secrets.json` in the data folder. */
export function createHeadlessSecretStore(
  dataDir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: EnvSecretStoreOptions = {},
): LayeredSecretStore {
  return new LayeredSecretStore(new EnvSecretStore(env, options), new FileSecretStore(dataDir));
}
