// Which server answers at a LAN endpoint, and what it serves, read from the
// answers of a few GET requests. Pure: the probe collects the answers, this
// file only reads them, so every rule can be tested without HTTP.
//
// What each server is known to answer (from its own source or documentation):
//   vLLM       GET /version {"version"}; GET /health 200 with an empty body;
//              GET /v1/models entries `owned_by: "vllm"` with `max_model_len`.
//   llama.cpp  GET /health {"status":"ok"}; GET /props with
//              `default_generation_settings` (its `n_ctx` is the context size
//              in use), `model_path` and `build_info`; GET /v1/models entries
//              `owned_by: "llamacpp"` (newer builds add `meta.n_ctx`; in router
//              mode each entry has `status.value`, e.g. "loaded", "unloaded").
//   Ollama     GET / "Ollama is running" (some builds add more lines after
//              it); GET /api/version {"version"}; GET /api/tags {models:[{name}]};
//              GET /api/ps lists the loaded models with `context_length`; the
//              OpenAI API lives under /v1 (`owned_by` there is the namespace of
//              the model name, so it says nothing about the server).
//   LM Studio  GET /v1/models entries `owned_by: "organization_owner"`;
//              GET /api/v0/models {data:[{id, type, state: "loaded" |
//              "not-loaded", max_context_length}]} (0.3.6+); GET /api/v1/models
//              {models:[{key, type, loaded_instances:[{id, config:
//              {context_length}}], max_context_length}]} (0.4+).
// llama.cpp also answers in Ollama's shapes for compatibility, so an Ollama
// shape alone is never taken as Ollama.

/** What one GET brought back. */
export interface HttpAnswer {
  status: number;
  text: string;
  /** The parsed body; undefined when it was not JSON. */
  json: unknown;
  /** The Location header of a redirect. */
  location?: string;
}

/** The answers a probe collected; a missing entry had no usable answer. */
export interface LanAnswers {
  /** GET <api>/models, the OpenAI model list. */
  models?: HttpAnswer;
  /** GET <root>/ */
  root?: HttpAnswer;
  /** GET <root>/version */
  version?: HttpAnswer;
  /** GET <root>/health */
  health?: HttpAnswer;
  /** GET <root>/props */
  props?: HttpAnswer;
  /** GET <root>/api/version */
  ollamaVersion?: HttpAnswer;
  /** GET <root>/api/tags */
  ollamaTags?: HttpAnswer;
  /** GET <root>/api/ps */
  ollamaPs?: HttpAnswer;
  /** GET <root>/api/v0/models */
  lmStudioV0Models?: HttpAnswer;
  /** GET <root>/api/v1/models */
  lmStudioV1Models?: HttpAnswer;
}

/** Where each answer comes from, under the server root (the model list under the API). */
export const ANSWER_PATHS = {
  models: '/v1/models',
  root: '/',
  version: '/version',
  health: '/health',
  props: '/props',
  ollamaVersion: '/api/version',
  ollamaTags: '/api/tags',
  ollamaPs: '/api/ps',
  lmStudioV0Models: '/api/v0/models',
  lmStudioV1Models: '/api/v1/models',
} as const satisfies Record<keyof LanAnswers, string>;

export const LAN_KINDS = ['vllm', 'llama.cpp', 'ollama', 'lmstudio', 'openai-compatible'] as const;
export type LanKind = (typeof LAN_KINDS)[number];

/** The servers told apart by their answers. */
type KnownKind = Exclude<LanKind, 'openai-compatible'>;

/** Among equally supported kinds, the one with the most specific signature wins. */
const PRECEDENCE: readonly KnownKind[] = ['ollama', 'lmstudio', 'llama.cpp', 'vllm'];

export interface LanModel {
  id: string;
  /** Tokens of context: the window in use where the server states it, else the model's maximum. */
  contextLength?: number;
  /** Whether the model is in memory, where the server tells. */
  loaded?: boolean;
}

export interface LanClassification {
  kind: LanKind;
  /** What answers led to the kind, for people. */
  evidence: string[];
  version?: string;
}

interface Signal {
  kind: KnownKind;
  /** Only a strong signal can decide a kind; weak ones add support. */
  strong: boolean;
  text: string;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** The JSON object of a 2xx answer. */
function okJson(answer: HttpAnswer | undefined): Json | undefined {
  if (!answer || answer.status < 200 || answer.status > 299) return undefined;
  return isRecord(answer.json) ? answer.json : undefined;
}

/**
 * The entries of an OpenAI model list (`{data: [{id, ...}]}`), those with a
 * string id only; undefined when the answer is not such a list. An empty
 * `data` is a valid list (a server with nothing loaded).
 */
export function readModelList(answer: HttpAnswer | undefined): Json[] | undefined {
  const body = okJson(answer);
  if (!body || !Array.isArray(body['data'])) return undefined;
  const data: unknown[] = body['data'];
  const entries = records(data).filter((entry) => text(entry['id']) !== undefined);
  if (data.length > 0 && entries.length === 0) return undefined;
  return entries;
}

function ownedBy(answers: LanAnswers): Set<string> {
  const owners = new Set<string>();
  for (const entry of readModelList(answers.models) ?? []) {
    const owner = text(entry['owned_by']);
    if (owner) owners.add(owner);
  }
  return owners;
}

function vllmSignals(answers: LanAnswers, owners: Set<string>): Signal[] {
  const found: Signal[] = [];
  const add = (strong: boolean, line: string) => found.push({ kind: 'vllm', strong, text: line });
  if (owners.has('vllm')) add(true, 'GET /v1/models lists models owned by "vllm"');
  const version = text(okJson(answers.version)?.['version']);
  if (version) add(false, `GET /version answered version ${version}`);
  const health = answers.health;
  if (health && health.status === 200 && health.text.trim() === '') {
    add(false, 'GET /health answered 200 with an empty body');
  }
  const entries = readModelList(answers.models) ?? [];
  if (entries.some((entry) => positiveInt(entry['max_model_len']) !== undefined)) {
    add(false, 'GET /v1/models reports max_model_len');
  }
  return found;
}

function llamaCppSignals(answers: LanAnswers, owners: Set<string>): Signal[] {
  const found: Signal[] = [];
  const add = (strong: boolean, line: string) =>
    found.push({ kind: 'llama.cpp', strong, text: line });
  if (owners.has('llamacpp')) add(true, 'GET /v1/models lists models owned by "llamacpp"');
  const props = okJson(answers.props);
  if (props && (isRecord(props['default_generation_settings']) || text(props['build_info']))) {
    const build = text(props['build_info']);
    add(true, `GET /props answered llama.cpp server properties${build ? ` (build ${build})` : ''}`);
  }
  if (okJson(answers.health)?.['status'] === 'ok') add(false, 'GET /health answered status "ok"');
  return found;
}

function ollamaSignals(answers: LanAnswers): Signal[] {
  const found: Signal[] = [];
  const add = (strong: boolean, line: string) => found.push({ kind: 'ollama', strong, text: line });
  const root = answers.root;
  if (root && root.status === 200 && root.text.trimStart().startsWith('Ollama is running')) {
    add(true, 'GET / answered "Ollama is running"');
  }
  const version = text(okJson(answers.ollamaVersion)?.['version']);
  if (version) add(false, `GET /api/version answered version ${version}`);
  const tags = okJson(answers.ollamaTags)?.['models'];
  if (Array.isArray(tags)) add(false, `GET /api/tags listed ${tags.length} local models`);
  return found;
}

function lmStudioSignals(answers: LanAnswers, owners: Set<string>): Signal[] {
  const found: Signal[] = [];
  const add = (line: string) => found.push({ kind: 'lmstudio', strong: true, text: line });
  if (owners.has('organization_owner')) {
    add('GET /v1/models lists models owned by "organization_owner"');
  }
  const v0 = records(okJson(answers.lmStudioV0Models)?.['data']);
  if (v0.some((entry) => text(entry['state']) && text(entry['type']))) {
    add('GET /api/v0/models answered LM Studio model states');
  }
  const v1 = records(okJson(answers.lmStudioV1Models)?.['models']);
  if (v1.some((entry) => text(entry['key']) && Array.isArray(entry['loaded_instances']))) {
    add('GET /api/v1/models answered LM Studio models with their loaded instances');
  }
  return found;
}

function versionOf(kind: LanKind, answers: LanAnswers): string | undefined {
  switch (kind) {
    case 'vllm':
      return text(okJson(answers.version)?.['version']);
    case 'llama.cpp':
      return text(okJson(answers.props)?.['build_info']);
    case 'ollama':
      return text(okJson(answers.ollamaVersion)?.['version']);
    default:
      return undefined;
  }
}

/** A note when endpoints besides the model list wanted a key (llama.cpp lists models without one). */
function keyNote(answers: LanAnswers): string | undefined {
  const locked = (Object.keys(ANSWER_PATHS) as (keyof LanAnswers)[]).filter((key) => {
    const status = answers[key]?.status;
    return key !== 'models' && (status === 401 || status === 403);
  });
  if (locked.length === 0) return undefined;
  const named = locked.slice(0, 2).map((key) => `GET ${ANSWER_PATHS[key]}`);
  const more = locked.length > 2 ? ` and ${locked.length - 2} more` : '';
  return `${named.join(', ')}${more} asked for an API key, so requests may need one too`;
}

/**
 * The kind of server behind the answers. A kind needs at least one strong
 * signal; when several kinds have one, the best supported wins (strong
 * signals count twice). Without any, the server is plain OpenAI-compatible.
 */
export function classifyLanServer(answers: LanAnswers): LanClassification {
  const owners = ownedBy(answers);
  const signals = [
    ...ollamaSignals(answers),
    ...lmStudioSignals(answers, owners),
    ...llamaCppSignals(answers, owners),
    ...vllmSignals(answers, owners),
  ];
  let best: { kind: KnownKind; score: number } | undefined;
  for (const kind of PRECEDENCE) {
    const own = signals.filter((signal) => signal.kind === kind);
    if (!own.some((signal) => signal.strong)) continue;
    const score = own.reduce((sum, signal) => sum + (signal.strong ? 2 : 1), 0);
    if (!best || score > best.score) best = { kind, score };
  }
  const note = keyNote(answers);
  if (!best) {
    const count = readModelList(answers.models)?.length ?? 0;
    const evidence = [
      `GET /v1/models answered an OpenAI model list (${count} ${count === 1 ? 'model' : 'models'})`,
      'No other answer matched vLLM, llama.cpp, Ollama or LM Studio',
    ];
    return { kind: 'openai-compatible', evidence: note ? [...evidence, note] : evidence };
  }
  const winner = best.kind;
  const evidence = signals.filter((signal) => signal.kind === winner).map((signal) => signal.text);
  const result: LanClassification = {
    kind: winner,
    evidence: note ? [...evidence, note] : evidence,
  };
  const version = versionOf(winner, answers);
  if (version) result.version = version;
  return result;
}

type Details = Omit<LanModel, 'id'>;

function llamaCppDetails(entry: Json, answers: LanAnswers, single: boolean): Details {
  const details: Details = {};
  const meta = isRecord(entry['meta']) ? entry['meta'] : {};
  const settings = okJson(answers.props)?.['default_generation_settings'];
  const propsContext = single && isRecord(settings) ? positiveInt(settings['n_ctx']) : undefined;
  const context = positiveInt(meta['n_ctx']) ?? propsContext;
  if (context) details.contextLength = context;
  const status = entry['status'];
  if (isRecord(status) && text(status['value'])) details.loaded = status['value'] === 'loaded';
  return details;
}

function ollamaDetails(id: string, answers: LanAnswers): Details {
  const running = okJson(answers.ollamaPs)?.['models'];
  if (!Array.isArray(running)) return {};
  const match = records(running).find((model) => model['name'] === id || model['model'] === id);
  if (!match) return { loaded: false };
  const context = positiveInt(match['context_length']);
  return context ? { loaded: true, contextLength: context } : { loaded: true };
}

function lmStudioDetails(id: string, answers: LanAnswers): Details {
  const v1 = records(okJson(answers.lmStudioV1Models)?.['models']);
  for (const model of v1) {
    const instances = records(model['loaded_instances']);
    const own = instances.find((instance) => instance['id'] === id);
    if (model['key'] !== id && !own) continue;
    const instance = own ?? instances[0];
    const config = instance && isRecord(instance['config']) ? instance['config'] : {};
    const context =
      positiveInt(config['context_length']) ?? positiveInt(model['max_context_length']);
    const details: Details = { loaded: instances.length > 0 };
    if (context) details.contextLength = context;
    return details;
  }
  const v0 = records(okJson(answers.lmStudioV0Models)?.['data']);
  const entry = v0.find((model) => model['id'] === id);
  if (!entry) return {};
  const details: Details = {};
  const context = positiveInt(entry['max_context_length']);
  if (context) details.contextLength = context;
  if (text(entry['state'])) details.loaded = entry['state'] === 'loaded';
  return details;
}

/** The served models, in the order of the OpenAI list, with what the server tells about each. */
export function readLanModels(kind: LanKind, answers: LanAnswers): LanModel[] {
  const entries = readModelList(answers.models) ?? [];
  const seen = new Set<string>();
  const models: LanModel[] = [];
  for (const entry of entries) {
    const id = String(entry['id']);
    if (seen.has(id)) continue;
    seen.add(id);
    let details: Details = {};
    if (kind === 'vllm') {
      const context = positiveInt(entry['max_model_len']);
      if (context) details.contextLength = context;
    } else if (kind === 'llama.cpp') {
      details = llamaCppDetails(entry, answers, entries.length === 1);
    } else if (kind === 'ollama') {
      details = ollamaDetails(id, answers);
    } else if (kind === 'lmstudio') {
      details = lmStudioDetails(id, answers);
    }
    models.push({ id, ...details });
  }
  return models;
}
