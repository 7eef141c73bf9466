import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectLanes } from '../../../src-main/core/lanes/lane-connect';
import { LaneError } from '../../../src-main/core/lanes/lane-errors';
import type { Lane } from '../../../src-main/core/lanes/lane-registry';
import type { SecretStore } from '../../../src-main/core/secrets/secret-store';
import { startStandInLlm } from '../../support/stand-in-llm';
import type { StandInLlm } from '../../support/stand-in-llm';

// Keys for lanes: from the environment variable the policy names, or a
// stored secret; a keyed lane without its key sends nothing at all.

let llm: StandInLlm;
beforeAll(async () => {
  llm = await startStandInLlm();
});
afterAll(async () => {
  await llm.stop();
});
beforeEach(async () => {
  await llm.reset();
});

function lane(extra: Partial<Lane>): Lane {
  return {
    id: 'cloud/big_api',
    alias: 'cloud/big',
    origin: 'config',
    upstreamModelId: 'stand-in-small',
    apiFormat: 'openai',
    baseUrl: `${llm.url}/v1`,
    protocol: 'http',
    weight: 1,
    type: 'openai',
    locality: 'cloud',
    localitySource: 'config',
    ...extra,
  };
}

const settings = { connectTimeoutMs: 2000, idleTimeoutMs: 2000 };
const body = { model: 'stand-in-small', messages: [{ role: 'user', content: 'hello' }] };

describe('connecting lanes', () => {
  it('sends the key from the environment variable the policy names', async () => {
    const keyed = lane({ apiKeyEnv: 'TEST_CLOUD_KEY' });
    const clientOf = await connectLanes([keyed], { ...settings, env: { TEST_CLOUD_KEY: 'k-123' } });
    await clientOf(keyed).chat(body);
    expect((await llm.requests())[0]?.authorization).toBe('Bearer k-123');
  });

  it('sends nothing to a keyed lane whose key is missing, and says where to put it', async () => {
    const keyed = lane({ apiKeyEnv: 'TEST_CLOUD_KEY' });
    const client = (await connectLanes([keyed], { ...settings, env: {} }))(keyed);
    const failure = await client.chat(body).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LaneError);
    expect((failure as LaneError).code).toBe('missing_key');
    expect((failure as LaneError).message).toContain('TEST_CLOUD_KEY');
    const streamed = await (async () => {
      for await (const delta of client.chatStream(body)) void delta;
    })().catch((error: unknown) => error);
    expect((streamed as LaneError).code).toBe('missing_key');
    expect((await client.health()).error?.code).toBe('missing_key');
    expect(await llm.requests()).toEqual([]);
  });

  it('needs no key for a lane that names none', async () => {
    const open = lane({ locality: 'local' });
    await (await connectLanes([open], settings))(open).chat(body);
    expect((await llm.requests())[0]?.authorization).toBeNull();
  });

  it('falls back to the environment when the secret store cannot be read (no keychain)', async () => {
    const keyed = lane({ apiKeyEnv: 'TEST_CLOUD_KEY' });
    const locked: SecretStore = {
      kind: 'keychain',
      writable: false,
      get: () => Promise.reject(new Error('the OS keychain cannot encrypt right now')),
      set: () => Promise.reject(new Error('no')),
      delete: () => Promise.reject(new Error('no')),
      list: () => Promise.resolve([]),
    };
    const clientOf = await connectLanes([keyed], {
      ...settings,
      secrets: locked,
      env: { TEST_CLOUD_KEY: 'k-env' },
    });
    await clientOf(keyed).chat(body);
    expect((await llm.requests())[0]?.authorization).toBe('Bearer k-env');
  });
});
