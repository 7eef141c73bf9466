import { ApiError } from '../../contract';
import type { SecretEntry, SecretsList } from '../../contract';
import { createLogger } from '../logger';
import { LayeredSecretStore } from '../secrets/layered-secret-store';
import { SecretStoreError, assertSecretName } from '../secrets/secret-store';
import type { SecretStore } from '../secrets/secret-store';
import type { ServiceContext } from './context';

const log = createLogger('secrets');

// `secrets.list` / `secrets.set` / `secrets.remove`: API keys from the
// Settings page. Values go in and never come back: the list holds names and
// where each is kept, `set` answers with the name only, and errors come from
// the store, whose messages never hold a value. The lanes reconnect after a
// change so a new key is used at once.

/** The store `set` writes to, and the environment that may override it. */
interface Layers {
  writable: SecretStore;
  env: SecretStore | null;
}

function layersOf(store: SecretStore): Layers {
  if (store instanceof LayeredSecretStore) return { writable: store.store, env: store.first };
  return { writable: store, env: null };
}

function storeOf(ctx: ServiceContext): SecretStore {
  if (!ctx.secrets) throw new ApiError('unavailable', 'No key store is open in this process.');
  return ctx.secrets;
}

function storeFailure(error: unknown): never {
  if (!(error instanceof SecretStoreError)) throw error;
  const code =
    error.code === 'invalid_name' || error.code === 'invalid_value'
      ? 'invalid_input'
      : error.code === 'read_only'
        ? 'forbidden'
        : 'unavailable';
  throw new ApiError(code, error.message, { reason: error.code });
}

/** What refers to each key name: LAN endpoints and the profile's models. */
function references(ctx: ServiceContext): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  const add = (name: string, use: string) => uses.set(name, [...(uses.get(name) ?? []), use]);
  for (const endpoint of ctx.lanes?.saved().lan ?? []) {
    if (endpoint.apiKeySecret) add(endpoint.apiKeySecret, `endpoint ${endpoint.name}`);
  }
  for (const { name, alias } of ctx.lanes?.profileKeyNames() ?? []) add(name, `model ${alias}`);
  return uses;
}

async function has(store: SecretStore | null, name: string): Promise<boolean> {
  if (!store) return false;
  try {
    return (await store.get(name)) !== undefined;
  } catch (error) {
    if (error instanceof SecretStoreError && error.code === 'invalid_name') return false;
    throw error;
  }
}

export async function listSecrets(ctx: ServiceContext): Promise<SecretsList> {
  const store = storeOf(ctx);
  const { writable, env } = layersOf(store);
  const uses = references(ctx);
  try {
    const stored = new Set(await writable.list());
    const fromEnv = new Set(env ? await env.list() : []);
    for (const name of uses.keys()) if (await has(env, name)) fromEnv.add(name);
    const names = [...new Set([...stored, ...fromEnv])].sort();
    const secrets: SecretEntry[] = names.map((name) => ({
      name,
      storedIn: stored.has(name) ? writable.kind : (env?.kind ?? 'env'),
      overriddenByEnv: stored.has(name) && fromEnv.has(name),
      usedBy: uses.get(name) ?? [],
    }));
    const missing = [...uses.entries()]
      .filter(([name]) => !stored.has(name) && !fromEnv.has(name))
      .map(([name, usedBy]) => ({ name, usedBy }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { store: writable.kind, writable: writable.writable, secrets, missing };
  } catch (error) {
    return storeFailure(error);
  }
}

export async function setSecret(
  ctx: ServiceContext,
  input: { name: string; value: string },
): Promise<{ name: string; storedIn: string; overriddenByEnv: boolean }> {
  const store = storeOf(ctx);
  const { writable, env } = layersOf(store);
  try {
    assertSecretName(input.name);
    await writable.set(input.name, input.value);
    const overriddenByEnv = await has(env, input.name);
    log.info({ name: input.name, store: writable.kind }, 'a key was stored');
    await ctx.lanes?.reload();
    return { name: input.name, storedIn: writable.kind, overriddenByEnv };
  } catch (error) {
    return storeFailure(error);
  }
}

export async function removeSecret(
  ctx: ServiceContext,
  input: { name: string },
): Promise<{ name: string; stillFromEnv: boolean }> {
  const store = storeOf(ctx);
  const { writable, env } = layersOf(store);
  let removed: boolean;
  try {
    assertSecretName(input.name);
    removed = await writable.delete(input.name);
  } catch (error) {
    return storeFailure(error);
  }
  const stillFromEnv = await has(env, input.name);
  if (!removed) {
    throw new ApiError(
      'not_found',
      stillFromEnv
        ? `${input.name} is not stored here; it comes from an environment variable: unset it where it is defined.`
        : `There is no stored key ${input.name}.`,
    );
  }
  log.info({ name: input.name, store: writable.kind }, 'a key was removed');
  await ctx.lanes?.reload();
  return { name: input.name, stillFromEnv };
}
