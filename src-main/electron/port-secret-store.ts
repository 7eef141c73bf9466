import type { SecretStore, SecretStoreErrorCode } from '../core/secrets/secret-store';
import {
  SecretStoreError,
  assertSecretName,
  assertSecretValue,
} from '../core/secrets/secret-store';
import type { SecretOp, SecretOutcome } from './core-protocol';
import type { SecretRequest } from './secret-requests';

const ERROR_CODES: readonly SecretStoreErrorCode[] = [
  'invalid_name',
  'invalid_value',
  'unsafe_permissions',
  'corrupt',
  'unavailable',
  'read_only',
  'io',
];

/** Numbered key requests from the core process to main, and their answers. */
export class SecretChannel {
  private nextId = 1;
  private readonly waiting = new Map<number, (outcome: SecretOutcome) => void>();

  constructor(private readonly send: (id: number, request: SecretRequest) => void) {}

  request(op: SecretOp, name?: string, value?: string): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (outcome) => {
        if (outcome.ok) {
          resolve(outcome.value);
          return;
        }
        const code = ERROR_CODES.find((known) => known === outcome.code) ?? 'io';
        reject(
          new SecretStoreError(code, outcome.message, outcome.path ? { path: outcome.path } : {}),
        );
      });
      this.send(id, {
        op,
        ...(name === undefined ? {} : { name }),
        ...(value === undefined ? {} : { value }),
      });
    });
  }

  settle(id: number, outcome: SecretOutcome): void {
    const settle = this.waiting.get(id);
    if (!settle) return;
    this.waiting.delete(id);
    settle(outcome);
  }
}

/**
 * The core process's SecretStore: every read and write is a request to main,
 * which keeps the keys in the OS keychain (safeStorage works in main only).
 */
export class PortSecretStore implements SecretStore {
  constructor(
    private readonly channel: SecretChannel,
    readonly kind: string,
    readonly writable: boolean,
  ) {}

  async get(name: string): Promise<string | undefined> {
    assertSecretName(name);
    const value = await this.channel.request('get', name);
    return typeof value === 'string' ? value : undefined;
  }

  async set(name: string, value: string): Promise<void> {
    assertSecretName(name);
    assertSecretValue(value);
    await this.channel.request('set', name, value);
  }

  async delete(name: string): Promise<boolean> {
    assertSecretName(name);
    return (await this.channel.request('delete', name)) === true;
  }

  async list(): Promise<string[]> {
    const names = await this.channel.request('list');
    return Array.isArray(names) ? names.filter((name) => typeof name === 'string') : [];
  }
}
