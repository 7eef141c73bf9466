import { describe, expect, it } from 'vitest';
import {
  ANSWER_PATHS,
  classifyLanServer,
  readLanModels,
  readModelList,
} from '../../../src-main/core/lanes/lan-kind';
import type { HttpAnswer, LanAnswers } from '../../../src-main/core/lanes/lan-kind';

const ok = (json: unknown): HttpAnswer => ({ status: 200, text: JSON.stringify(json), json });
const textAnswer = (text: string, status = 200): HttpAnswer => ({ status, text, json: undefined });
const missing = (status = 404): HttpAnswer => ({
  status,
  text: '{"detail":"Not Found"}',
  json: { detail: 'Not Found' },
});
const list = (...entries: Record<string, unknown>[]) => ok({ object: 'list', data: entries });

const vllmAnswers = (): LanAnswers => ({
  models: list({ id: 'Qwen/Qwen3-8B', object: 'model', owned_by: 'vllm', max_model_len: 40960 }),
  version: ok({ version: '0.11.0' }),
  health: textAnswer(''),
  root: missing(),
});

const llamaCppAnswers = (): LanAnswers => ({
  models: list({ id: 'qwen3-8b', object: 'model', owned_by: 'llamacpp', meta: { n_vocab: 1 } }),
  props: ok({
    default_generation_settings: { n_ctx: 8192 },
    model_path: '/m.gguf',
    build_info: 'b6500-1a2b3c4d',
  }),
  health: ok({ status: 'ok' }),
  root: textAnswer('<!doctype html><html></html>'),
  // llama.cpp answers its model list at /api/tags too, in Ollama's shape.
  ollamaTags: ok({ models: [{ name: 'qwen3-8b' }], object: 'list', data: [] }),
});

const ollamaAnswers = (): LanAnswers => ({
  models: list(
    { id: 'llama3.2:latest', object: 'model', owned_by: 'library' },
    { id: 'qwen3:8b', object: 'model', owned_by: 'library' },
  ),
  root: textAnswer('Ollama is running'),
  ollamaVersion: ok({ version: '0.12.6' }),
  ollamaTags: ok({ models: [{ name: 'llama3.2:latest' }, { name: 'qwen3:8b' }] }),
  ollamaPs: ok({ models: [{ name: 'qwen3:8b', model: 'qwen3:8b', context_length: 8192 }] }),
});

const lmStudioAnswers = (): LanAnswers => ({
  models: list(
    { id: 'qwen/qwen3-8b', object: 'model', owned_by: 'organization_owner' },
    { id: 'google/gemma-3-12b', object: 'model', owned_by: 'organization_owner' },
  ),
  lmStudioV0Models: ok({
    object: 'list',
    data: [
      { id: 'qwen/qwen3-8b', type: 'llm', state: 'loaded', max_context_length: 32768 },
      { id: 'google/gemma-3-12b', type: 'vlm', state: 'not-loaded', max_context_length: 131072 },
    ],
  }),
});

describe('readModelList', () => {
  it('reads the entries of an OpenAI model list', () => {
    const entries = readModelList(list({ id: 'a' }, { id: 'b', owned_by: 'x' }));
    expect(entries?.map((entry) => entry['id'])).toEqual(['a', 'b']);
  });

  it('accepts an empty list and skips entries without a string id', () => {
    expect(readModelList(list())).toEqual([]);
    expect(readModelList(list({ id: 'a' }, { id: 3 }, { name: 'b' }))?.length).toBe(1);
  });

  it('refuses what is not an OpenAI model list', () => {
    expect(readModelList(undefined)).toBeUndefined();
    expect(readModelList(textAnswer('<html></html>'))).toBeUndefined();
    expect(readModelList(ok({ models: [{ name: 'a' }] }))).toBeUndefined();
    expect(readModelList(ok({ data: [{ name: 'a' }, { name: 'b' }] }))).toBeUndefined();
    expect(readModelList(ok([{ id: 'a' }]))).toBeUndefined();
    expect(readModelList({ ...list({ id: 'a' }), status: 500 })).toBeUndefined();
  });
});

describe('classifyLanServer', () => {
  it('tells vLLM by owned_by "vllm", with /version as its version', () => {
    const result = classifyLanServer(vllmAnswers());
    expect(result.kind).toBe('vllm');
    expect(result.version).toBe('0.11.0');
    expect(result.evidence).toContain('GET /v1/models lists models owned by "vllm"');
    expect(result.evidence).toContain('GET /version answered version 0.11.0');
    expect(result.evidence).toContain('GET /health answered 200 with an empty body');
  });

  it('does not call a server vLLM on /version and an empty /health alone', () => {
    const answers = vllmAnswers();
    answers.models = list({ id: 'm', owned_by: 'sglang' });
    expect(classifyLanServer(answers).kind).toBe('openai-compatible');
  });

  it('tells llama.cpp by owned_by "llamacpp" or by /props, with the build as version', () => {
    const result = classifyLanServer(llamaCppAnswers());
    expect(result.kind).toBe('llama.cpp');
    expect(result.version).toBe('b6500-1a2b3c4d');
    expect(result.evidence).toContain('GET /v1/models lists models owned by "llamacpp"');

    const behindProxy = llamaCppAnswers();
    behindProxy.models = list({ id: 'qwen3-8b', owned_by: 'proxy' });
    const proxied = classifyLanServer(behindProxy);
    expect(proxied.kind).toBe('llama.cpp');
    expect(proxied.evidence.join('\n')).toMatch(/GET \/props answered llama\.cpp .*b6500/);
  });

  it('does not take llama.cpp for Ollama because it answers /api/tags', () => {
    expect(classifyLanServer(llamaCppAnswers()).kind).toBe('llama.cpp');
  });

  it('tells Ollama by its root answer, also when more lines follow it', () => {
    const result = classifyLanServer(ollamaAnswers());
    expect(result.kind).toBe('ollama');
    expect(result.version).toBe('0.12.6');
    expect(result.evidence).toEqual([
      'GET / answered "Ollama is running"',
      'GET /api/version answered version 0.12.6',
      'GET /api/tags listed 2 local models',
    ]);
    const newer = ollamaAnswers();
    newer.root = textAnswer('Ollama is running\nAPI: GET /api/tags ...\n');
    expect(classifyLanServer(newer).kind).toBe('ollama');
  });

  it('needs more than Ollama-shaped answers to call a server Ollama', () => {
    const answers = ollamaAnswers();
    delete answers.root;
    expect(classifyLanServer(answers).kind).toBe('openai-compatible');
  });

  it('tells LM Studio by /api/v0/models, /api/v1/models or owned_by "organization_owner"', () => {
    expect(classifyLanServer(lmStudioAnswers()).kind).toBe('lmstudio');

    const restOnly = lmStudioAnswers();
    restOnly.models = list({ id: 'qwen/qwen3-8b' });
    expect(classifyLanServer(restOnly).kind).toBe('lmstudio');

    const v1Only: LanAnswers = {
      models: list({ id: 'qwen/qwen3-8b' }),
      lmStudioV1Models: ok({ models: [{ key: 'qwen/qwen3-8b', loaded_instances: [] }] }),
    };
    const v1 = classifyLanServer(v1Only);
    expect(v1.kind).toBe('lmstudio');
    expect(v1.version).toBeUndefined();

    const ownerOnly: LanAnswers = { models: list({ id: 'a', owned_by: 'organization_owner' }) };
    expect(classifyLanServer(ownerOnly).kind).toBe('lmstudio');
  });

  it('falls back to a plain OpenAI-compatible server and says why', () => {
    const result = classifyLanServer({ models: list({ id: 'm', owned_by: 'someone' }) });
    expect(result).toEqual({
      kind: 'openai-compatible',
      evidence: [
        'GET /v1/models answered an OpenAI model list (1 model)',
        'No other answer matched vLLM, llama.cpp, Ollama or LM Studio',
      ],
    });
  });

  it('picks the best supported kind when two claim the server', () => {
    // A proxy that passes through vLLM's list but is itself llama.cpp-like on /props only.
    const answers = vllmAnswers();
    answers.props = ok({ build_info: 'b1' });
    expect(classifyLanServer(answers).kind).toBe('vllm');
  });

  it('notes endpoints that asked for an API key', () => {
    const answers = llamaCppAnswers();
    answers.props = missing(401);
    const result = classifyLanServer(answers);
    expect(result.kind).toBe('llama.cpp');
    expect(result.evidence).toContain(
      'GET /props asked for an API key, so requests may need one too',
    );
    answers.root = missing(403);
    answers.version = missing(401);
    answers.lmStudioV0Models = missing(401);
    expect(classifyLanServer(answers).evidence.at(-1)).toBe(
      'GET /, GET /version and 2 more asked for an API key, so requests may need one too',
    );
  });

  it('treats odd answers as missing instead of failing', () => {
    const odd = [null, 42, 'text', [1, 2], { data: 'nope', models: 7, version: 12, state: {} }];
    for (const json of odd) {
      const answers: LanAnswers = { models: list({ id: 'm' }) };
      for (const key of Object.keys(ANSWER_PATHS) as (keyof LanAnswers)[]) {
        if (key !== 'models') answers[key] = { status: 200, text: JSON.stringify(json), json };
      }
      const result = classifyLanServer(answers);
      expect(result.kind).toBe('openai-compatible');
      for (const kind of ['vllm', 'llama.cpp', 'ollama', 'lmstudio'] as const) {
        expect(readLanModels(kind, answers)).toEqual([{ id: 'm' }]);
      }
    }
  });
});

describe('readLanModels', () => {
  it('reads max_model_len from vLLM', () => {
    expect(readLanModels('vllm', vllmAnswers())).toEqual([
      { id: 'Qwen/Qwen3-8B', contextLength: 40960 },
    ]);
  });

  it('reads the context in use from llama.cpp: meta.n_ctx, else /props for its one model', () => {
    expect(readLanModels('llama.cpp', llamaCppAnswers())).toEqual([
      { id: 'qwen3-8b', contextLength: 8192 },
    ]);
    const newer = llamaCppAnswers();
    newer.models = list({ id: 'qwen3-8b', owned_by: 'llamacpp', meta: { n_ctx: 4096 } });
    expect(readLanModels('llama.cpp', newer)).toEqual([{ id: 'qwen3-8b', contextLength: 4096 }]);
  });

  it('reads which models a llama.cpp router has loaded, without borrowing /props', () => {
    const answers = llamaCppAnswers();
    answers.models = list(
      { id: 'a', owned_by: 'llamacpp', status: { value: 'loaded' } },
      { id: 'b', owned_by: 'llamacpp', status: { value: 'unloaded' } },
    );
    expect(readLanModels('llama.cpp', answers)).toEqual([
      { id: 'a', loaded: true },
      { id: 'b', loaded: false },
    ]);
  });

  it('reads loaded models and their context from Ollama /api/ps', () => {
    expect(readLanModels('ollama', ollamaAnswers())).toEqual([
      { id: 'llama3.2:latest', loaded: false },
      { id: 'qwen3:8b', loaded: true, contextLength: 8192 },
    ]);
    const withoutPs = ollamaAnswers();
    delete withoutPs.ollamaPs;
    expect(readLanModels('ollama', withoutPs)).toEqual([
      { id: 'llama3.2:latest' },
      { id: 'qwen3:8b' },
    ]);
  });

  it('reads LM Studio states from /api/v0/models', () => {
    expect(readLanModels('lmstudio', lmStudioAnswers())).toEqual([
      { id: 'qwen/qwen3-8b', loaded: true, contextLength: 32768 },
      { id: 'google/gemma-3-12b', loaded: false, contextLength: 131072 },
    ]);
  });

  it('prefers LM Studio /api/v1/models, with the context of the loaded instance', () => {
    const answers = lmStudioAnswers();
    answers.lmStudioV1Models = ok({
      models: [
        {
          key: 'qwen/qwen3-8b',
          loaded_instances: [{ id: 'qwen/qwen3-8b', config: { context_length: 16384 } }],
          max_context_length: 32768,
        },
        { key: 'google/gemma-3-12b', loaded_instances: [], max_context_length: 131072 },
      ],
    });
    expect(readLanModels('lmstudio', answers)).toEqual([
      { id: 'qwen/qwen3-8b', loaded: true, contextLength: 16384 },
      { id: 'google/gemma-3-12b', loaded: false, contextLength: 131072 },
    ]);
  });

  it('keeps the list order, drops repeated ids and ignores unusable numbers', () => {
    const answers: LanAnswers = {
      models: list(
        { id: 'b', max_model_len: -1 },
        { id: 'a', max_model_len: '4096' },
        { id: 'b', max_model_len: 8192 },
        { id: 'c', max_model_len: 2.5 },
      ),
    };
    expect(readLanModels('vllm', answers)).toEqual([{ id: 'b' }, { id: 'a' }, { id: 'c' }]);
  });
});
