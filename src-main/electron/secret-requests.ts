import { createLogger } from '../core/logger';
import type { SecretStore } from '../core/secrets/secret-store';
import { SecretStoreError, assertSecretName } from '../core/secrets/secret-store';
import type { SecretOp, SecretOutcome } from './core-protocol';

const log = createLogger('secret-requests');

export interface SecretRequest {
  op: SecretOp;
  name?: string;
  value?: string;
}

/**
 * Answers the core process's request for an API key from the store main
 * keeps (the OS keychain is reachable from main only). Errors travel as their
 * code and message, which never hold a value.
 */
export async function answerSecretRequest(
  store: SecretStore,
  request: SecretRequest,
): Promise<SecretOutcome> {
  try {
    return { ok: true, value: await run(store, request) };
  } catch (error) {
    if (error instanceof SecretStoreError) {
      return {
        ok: false,
        code: error.code,
        message: error.message,
        ...(error.path ? { path: error.path } : {}),
      };
    }
    log.error({ err: error, op: request.op }, 'the key store failed');
    return { ok: false, code: 'io', message: 'The key store failed; the log has the details.' };
  }
}

async function run(store: SecretStore, request: SecretRequest): Promise<unknown> {
  if (request.op === 'list') return store.list();
  assertSecretName(request.name);
  if (request.op === 'get') return (await store.get(request.name)) ?? null;
  if (request.op === 'delete') return store.delete(request.name);
  if (request.value === undefined) {
    throw new SecretStoreError('invalid_value', 'A secret value must be a non-empty string');
  }
  await store.set(request.name, request.value);
  return null;
}
