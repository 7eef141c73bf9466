import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src-main/core/privacy/memory-store';
import { RecordStore } from '../../src-main/core/replay/record-store';
import { EnvSecretStore } from '../../src-main/core/secrets/env-secret-store';
import { FileSecretStore } from '../../src-main/core/secrets/file-secret-store';
import { LayeredSecretStore } from '../../src-main/core/secrets/layered-secret-store';
import { loadProfile } from '../../src-main/core/services/default-profile';
import type { ChatLane, MethodInput, MethodName } from '../../src-main/contract';
import { startAppServer } from '../support/app-server';
import type { AppServer } from '../support/app-server';
import { dataOf, errorOf, rpcOverHttp } from '../support/rpc-http';
import { sampleRecord } from '../support/sample-record';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// Settings, personal memory and keys over real HTTP (POST /api/rpc/<method>),
// as `homelane serve` wires them. Raw bodies are read, so a key's value
// showing up anywhere in an answer would be seen.

const temp = makeTempDir('homelane-settings-http-');
const dataDir = join(temp.dir, 'data');
const KEY_VALUE = 'sk-http-test-4b2e9f-must-not-come-back';
const ENV_VALUE = 'env-only-value-91c3';
let llm: StandInLlm;
let app: AppServer;
const rawBodies: string[] = [];

/** A policy whose `cloud/big` is a cloud lane (both answered by the stand-in). */
function policy(url: string): string {
  return `version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - name: local/small
      provider_model_id: stand-in-small
      backend_refs: [{ name: box, base_url: ${url}/v1 }]
    - name: cloud/big
      provider_model_id: stand-in-large
      backend_refs: [{ name: api, base_url: ${url}/v1, api_key_env: BIG_API_KEY }]
routing:
  modelCards:
    - { name: local/small, tags: [deployment:local] }
    - { name: cloud/big, tags: [deployment:cloud] }
  decisions: []
`;
}

async function rpc<M extends MethodName>(method: M, input: MethodInput<M>) {
  const answer = await rpcOverHttp(app.url, method, input);
  rawBodies.push(answer.raw);
  return answer;
}

beforeAll(async () => {
  llm = await startStandInLlm();
  const file = join(temp.dir, 'policy.yaml');
  writeFileSync(file, policy(llm.url));
  app = await startAppServer({
    dataDir,
    profile: await loadProfile(file),
    secrets: new LayeredSecretStore(
      new EnvSecretStore({ FROM_ENV: ENV_VALUE }, { names: ['FROM_ENV'] }),
      new FileSecretStore(dataDir),
    ),
  });
});
afterAll(async () => {
  await app.close();
  await llm.stop();
  temp.cleanup();
});

describe('settings over HTTP', () => {
  it('applies a retention change at once', async () => {
    const store = new RecordStore(app.context.chat!.database);
    for (let i = 0; i < 5; i++)
      store.insert(sampleRecord({ created_at: new Date(Date.now() - i * 1000).toISOString() }));
    const { status, result } = await rpc('settings.set', { retention: { maxRecords: 2 } });
    expect(status).toBe(200);
    expect(result).toMatchObject({
      ok: true,
      data: { removed: 3, settings: { retention: { maxAgeDays: null, maxRecords: 2 } } },
    });
    expect(store.count()).toBe(2);
    const read = await rpc('settings.get', {});
    expect(dataOf(read.result)).toEqual({
      dataDir,
      retention: { maxAgeDays: null, maxRecords: 2 },
      privacy: { cloudEscalation: 'allow' },
      storage: 'ok',
    });
  });

  it('refuses a bad value with 400 and the field', async () => {
    const { status, result } = await rpc('settings.set', { retention: { maxAgeDays: 0 } });
    expect(status).toBe(400);
    expect(errorOf(result).code).toBe('invalid_input');
    expect(errorOf(result).message).toContain('retention.maxAgeDays');
  });

  it('turns cloud escalation off for the OpenAI-compatible endpoint at once', async () => {
    const ask = () =>
      fetch(`${app.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'cloud/big', messages: [{ role: 'user', content: 'hi' }] }),
      });
    const locality = async () => {
      const response = await ask();
      expect(response.status).toBe(200);
      return response.headers.get('x-homelane-locality');
    };
    await app.context.secrets?.set('BIG_API_KEY', 'not-used-by-the-stand-in');
    await app.context.lanes?.reload();
    expect(await locality()).toBe('cloud');
    await rpc('settings.set', { privacy: { cloudEscalation: 'never' } });
    // The guard keeps it off the cloud lane: a local one answers instead.
    expect(await locality()).toBe('local');
    await rpc('settings.set', { privacy: { cloudEscalation: 'allow' } });
    expect(await locality()).toBe('cloud');
  });
});

describe('cloud escalation in chat', () => {
  async function turnLocality(): Promise<string[]> {
    const localities: string[] = [];
    const ended = new Promise<void>((resolve) => {
      const stop = app.context.events.subscribe((event) => {
        if (event.name === 'chat.lane') localities.push((event.payload as ChatLane).locality);
        if (event.name === 'chat.done' || event.name === 'chat.error') {
          stop();
          resolve();
        }
      });
    });
    const sent = await rpc('chat.send', { text: 'hello there', model: 'cloud/big' });
    expect(sent.result.ok).toBe(true);
    await ended;
    return localities;
  }

  it('is read at each turn, so a change applies to the next one', async () => {
    expect(await turnLocality()).toEqual(['cloud']);
    await rpc('settings.set', { privacy: { cloudEscalation: 'never' } });
    expect(await turnLocality()).toEqual(['local']);
    await rpc('settings.set', { privacy: { cloudEscalation: 'allow' } });
  });
});

describe('personal memory over HTTP', () => {
  it('lists, corrects and forgets facts', async () => {
    const memory = new MemoryStore(app.context.chat!.database);
    const kept = memory.add('my sister is called Ana');
    const gone = memory.add('I am allergic to peanuts');
    const listed = await rpc('memory.list', {});
    expect(dataOf(listed.result).facts.map((fact) => fact.fact)).toEqual([
      'my sister is called Ana',
      'I am allergic to peanuts',
    ]);
    const updated = await rpc('memory.update', { id: kept.id, fact: 'my sister is Ana Lima' });
    expect(dataOf(updated.result).fact).toMatchObject({
      id: kept.id,
      fact: 'my sister is Ana Lima',
    });
    expect((await rpc('memory.forget', { id: gone.id })).result).toEqual({
      ok: true,
      data: { id: gone.id },
    });
    expect(memory.list().map((fact) => fact.fact)).toEqual(['my sister is Ana Lima']);
    const missing = await rpc('memory.forget', { id: gone.id });
    expect(missing.status).toBe(404);
  });
});

describe('keys over HTTP', () => {
  it('stores a key write-only and lists names with where each is kept', async () => {
    const set = await rpc('secrets.set', { name: 'OPENAI_API_KEY', value: KEY_VALUE });
    expect(set.result).toEqual({
      ok: true,
      data: { name: 'OPENAI_API_KEY', storedIn: 'file', overriddenByEnv: false },
    });
    const listed = await rpc('secrets.list', {});
    expect(dataOf(listed.result).secrets).toEqual([
      {
        name: 'BIG_API_KEY',
        storedIn: 'file',
        overriddenByEnv: false,
        usedBy: ['model cloud/big'],
      },
      { name: 'FROM_ENV', storedIn: 'env', overriddenByEnv: false, usedBy: [] },
      { name: 'OPENAI_API_KEY', storedIn: 'file', overriddenByEnv: false, usedBy: [] },
    ]);
    expect(await app.context.secrets?.get('OPENAI_API_KEY')).toBe(KEY_VALUE);
  });

  it('refuses a value too long or a bad name without repeating what was sent', async () => {
    const long = await rpc('secrets.set', { name: 'LONG', value: KEY_VALUE.repeat(500) });
    expect(long.status).toBe(400);
    const badName = await rpc('secrets.set', { name: `${KEY_VALUE}!`, value: 'x' });
    expect(badName.status).toBe(400);
    const envOnly = await rpc('secrets.remove', { name: 'FROM_ENV' });
    expect(envOnly.status).toBe(404);
    expect(errorOf(envOnly.result).message).toContain('environment variable');
  });

  it('removes a stored key', async () => {
    expect((await rpc('secrets.remove', { name: 'OPENAI_API_KEY' })).result).toEqual({
      ok: true,
      data: { name: 'OPENAI_API_KEY', stillFromEnv: false },
    });
    expect(await app.context.secrets?.get('OPENAI_API_KEY')).toBeUndefined();
  });

  it('never sent a value back in any answer', () => {
    const everything = rawBodies.join('\n');
    expect(everything).not.toContain(KEY_VALUE);
    expect(everything).not.toContain(ENV_VALUE);
    expect(everything).not.toContain('must-not-come-back');
  });
});
