import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RecordStore } from '../../src-main/core/replay/record-store';
import { loadProfile } from '../../src-main/core/services/default-profile';
import { databasePath, openDatabase } from '../../src-main/core/store/database';
import { startAppServer } from '../support/app-server';
import type { AppServer } from '../support/app-server';
import { startStandInLlm } from '../support/stand-in-llm';
import type { StandInLlm } from '../support/stand-in-llm';
import { makeTempDir } from '../support/temp-dir';

// Other apps point the official OpenAI client at Homelane: answers are
// routed (x-vsr-* headers say how), streamed or not, recorded, and a
// private request never reaches a cloud lane — within one request, and
// across a conversation the client names.

const temp = makeTempDir('homelane-openai-http-');
let llm: StandInLlm;
let server: AppServer;
let db: ReturnType<typeof openDatabase>;
let url: string;

/** Two aliases on the stand-in: a cloud one (the default) and a local one. */
function policy(standIn: string): string {
  return `version: v0.3
providers:
  defaults: { default_model: cloud/big }
  models:
    - name: local/small
      provider_model_id: stand-in-small
      pricing: { currency: USD, prompt_per_1m: 0, completion_per_1m: 0 }
      backend_refs: [{ name: box, base_url: ${standIn}/v1 }]
    - name: cloud/big
      provider_model_id: stand-in-large
      pricing: { currency: USD, prompt_per_1m: 2, completion_per_1m: 8 }
      backend_refs: [{ name: api, base_url: ${standIn}/v1 }]
routing:
  modelCards:
    - { name: local/small, tags: [deployment:local] }
    - { name: cloud/big, tags: [deployment:cloud] }
  signals:
    keywords:
      - { name: maths, operator: OR, keywords: [prove, theorem] }
  decisions:
    - name: maths
      priority: 10
      rules: { operator: AND, conditions: [{ type: keyword, name: maths }] }
      modelRefs: [{ model: cloud/big }]
`;
}

beforeAll(async () => {
  llm = await startStandInLlm();
  const file = join(temp.dir, 'policy.yaml');
  writeFileSync(file, policy(llm.url));
  const dataDir = join(temp.dir, 'data');
  server = await startAppServer({ dataDir, profile: await loadProfile(file) });
  url = server.url;
  // A second connection for the test's own reads (WAL lets both work).
  db = openDatabase(databasePath(dataDir));
});
afterAll(async () => {
  await server.close();
  db.close();
  await llm.stop();
  temp.cleanup();
});
beforeEach(() => llm.reset());

const client = () => new OpenAI({ baseURL: `${url}/v1`, apiKey: 'not-checked-on-loopback' });

describe('the OpenAI-compatible endpoint, with the official client', () => {
  it('streams a routed answer, with upstream headers, and records it', async () => {
    const { data: stream, response } = await client()
      .chat.completions.create({
        model: 'vllm-sr/auto',
        messages: [{ role: 'user', content: 'prove the theorem of Pythagoras' }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Echo: prove the theorem of Pythagoras');
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-vsr-schema-version')).toBe('2');
    expect(response.headers.get('x-vsr-selected-decision')).toBe('maths');
    expect(response.headers.get('x-vsr-selected-model')).toBe('cloud/big');
    expect(response.headers.get('x-vsr-selected-confidence')).toMatch(/^\d\.\d{4}$/);
    expect(response.headers.get('x-homelane-locality')).toBe('cloud');
    expect(response.headers.get('x-homelane-private')).toBe('false');
    const [sent] = await llm.requests();
    expect(sent?.body?.['model']).toBe('stand-in-large');
    const recordId = response.headers.get('x-vsr-replay-id') ?? '';
    const record = new RecordStore(db).get(recordId);
    expect(record).toMatchObject({
      lifecycle_state: 'completed',
      decision: 'maths',
      streaming: true,
    });
  });

  it('answers without streaming as one chat.completion', async () => {
    const completion = await client().chat.completions.create({
      model: 'vllm-sr/auto',
      messages: [{ role: 'user', content: 'hello there' }],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message.content).toBe('Echo: hello there');
    expect(completion.model).toBe('cloud/big');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('keeps a private request off the cloud lane, and its conversation private after it', async () => {
    const headers = { 'x-homelane-conversation': 'trip-42', 'x-vsr-debug': 'true' };
    const first = await client()
      .chat.completions.create(
        {
          model: 'vllm-sr/auto',
          messages: [{ role: 'user', content: 'my address is alice@example.com, book a table' }],
        },
        { headers },
      )
      .withResponse();
    expect(first.response.headers.get('x-homelane-private')).toBe('true');
    expect(first.response.headers.get('x-homelane-locality')).toBe('local');
    expect(first.response.headers.get('x-homelane-privacy-reasons')).toContain('detector');
    const second = await client()
      .chat.completions.create(
        { model: 'vllm-sr/auto', messages: [{ role: 'user', content: 'and tomorrow?' }] },
        { headers },
      )
      .withResponse();
    expect(second.response.headers.get('x-homelane-private')).toBe('true');
    expect(second.response.headers.get('x-homelane-locality')).toBe('local');
    // Another conversation (or none) is not tainted.
    const other = await client()
      .chat.completions.create({
        model: 'vllm-sr/auto',
        messages: [{ role: 'user', content: 'and tomorrow?' }],
      })
      .withResponse();
    expect(other.response.headers.get('x-homelane-locality')).toBe('cloud');
    const models = (await llm.requests()).map((request) => request.body?.['model']);
    expect(models).toEqual(['stand-in-small', 'stand-in-small', 'stand-in-large']);
  });

  it('refuses an unknown model and a malformed body the way OpenAI clients expect', async () => {
    const unknown = await client()
      .chat.completions.create({
        model: 'no-such-model',
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(OpenAI.BadRequestError);
    expect((unknown as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('model');
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'vllm-sr/auto', messages: 'not a list' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: 'messages' },
    });
    const embeddings = await fetch(`${url}/v1/embeddings`, { method: 'POST', body: '{}' });
    expect(embeddings.status).toBe(404);
    expect(await embeddings.json()).toMatchObject({ error: { type: 'not_found_error' } });
  });

  it('ends a stream that drops midway with an error event, and records the partial answer', async () => {
    await llm.setBehaviour({ dropAfterEvents: 3 });
    const { data: stream, response } = await client()
      .chat.completions.create({
        model: 'vllm-sr/auto',
        messages: [{ role: 'user', content: 'tell me a long story about the sea' }],
        stream: true,
      })
      .withResponse();
    let text = '';
    const failure = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(text.length).toBeGreaterThan(0);
    const record = new RecordStore(db).get(response.headers.get('x-vsr-replay-id') ?? '');
    expect(record?.lifecycle_state).toBe('failed');
    expect(record?.terminal_reason).toContain('partial answer kept');
  });

  it('stops the lane when the client goes away', async () => {
    await llm.setBehaviour({ eventDelayMs: 200 });
    const controller = new AbortController();
    const { data: stream } = await client()
      .chat.completions.create(
        {
          model: 'vllm-sr/auto',
          messages: [{ role: 'user', content: 'one two three four five six seven eight' }],
          stream: true,
        },
        { signal: controller.signal },
      )
      .withResponse();
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    await iterator.next().catch(() => undefined);
    for (let waited = 0; waited < 5000 && (await llm.disconnects()) === 0; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await llm.disconnects()).toBe(1);
  });

  it('is ready once the router is built and the database writable', async () => {
    const response = await fetch(`${url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, problems: [] });
  });

  it('lists the auto names, entrypoints and aliases at /v1/models', async () => {
    const ids: string[] = [];
    for await (const model of client().models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(['vllm-sr/auto', 'local/small', 'cloud/big']));
  });
});
