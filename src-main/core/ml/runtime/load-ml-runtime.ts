import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { RouterConfig } from '../../config/router-config';
import { settingNumber } from '../../signals/model-support';
import { SIGNAL_INFO } from '../../signals/signal-types';
import type { SignalType } from '../../signals/signal-types';
import { findCatalogEntry, shippedModelCatalog } from '../catalog/model-catalog';
import type { ModelCatalog, ModelRole } from '../catalog/model-catalog';
import { inspectInstalledModel } from '../download/installed-models';
import type { MlRuntime } from '../types';
import { ROLE_OF_FAMILY, RUNTIME_SLOT } from '../model-roles';
import type { ClassifierRole } from '../model-roles';
import { CandidateEmbeddingCache } from './candidate-cache';
import { endpointLocality } from '../../net/endpoint-locality';
import { loadTokenizer, modelMaxLength } from './hf-tokenizer';
import { readLabels } from './model-labels';
import { OnnxEmbedder } from './onnx-embedder';
import { OnnxSequenceClassifier, OnnxTokenClassifier } from './onnx-classifier';
import type { OpenSession } from './model-runner';
import { openSession } from './open-session';
import { sessionOptionsFromEnv } from './ort';
import type { SessionOptions } from './ort';
import { cloudEndpointReason, RemoteEmbedder } from './remote-embedder';
import { readRemoteEmbeddingConfig } from './remote-embedding-config';
import type { RemoteEmbeddingSetting } from './remote-embedding-config';

/** Classifiers read at most this many tokens, as upstream's ONNX path does. */
const CLASSIFIER_MAX_TOKENS = 512;
/** The embedding model reads the 2048-rune semantic sample; this bounds its tokens. */
const EMBEDDING_MAX_TOKENS = 8192;
const DEFAULT_DIMENSION = 768;
/** Embedded once when a remote model opens (see `openRemoteEmbedder`). */
const PROBE_TEXT = 'Homelane checks which embedding model answers here.';

const candidateCacheFile = (dataDir: string) =>
  join(dataDir, 'cache', 'candidate-embeddings.sqlite');

export interface ModelLoad {
  role: ModelRole;
  status: 'loaded' | 'missing' | 'error';
  reason?: string;
  executionProvider?: string;
}

export interface LoadedMlRuntime {
  ml: MlRuntime;
  models: ModelLoad[];
  /** Wraps the embedder while signals prepare; call `seal()` once they have. */
  candidateCache?: CandidateEmbeddingCache;
  /** Frees the ONNX sessions and ends their worker threads; the models fail afterwards. */
  release(): Promise<void>;
}

/** The model roles a config's signal families need. */
export function rolesForConfig(config: RouterConfig): Set<ModelRole> {
  const roles = new Set<ModelRole>();
  for (const profile of config.profiles.values()) {
    for (const [family, role] of Object.entries(ROLE_OF_FAMILY) as [SignalType, ModelRole][]) {
      const rules = profile.signals[SIGNAL_INFO[family].configKey];
      if (Array.isArray(rules) && rules.length > 0) roles.add(role);
    }
  }
  return roles;
}

/**
 * Opens the installed models a config needs. A model that is not installed
 * (or fails to load) is reported and left out, so its signals say
 * `unavailable`; nothing here stops routing. The embedding model may instead
 * be a local or LAN `/v1/embeddings` endpoint (`backend: openai_compatible`).
 * Each ONNX model runs in a worker thread of its own (see open-session.ts);
 * session options default to the HOMELANE_ORT_* environment variables.
 */
export async function loadMlRuntime(
  dataDir: string,
  config: RouterConfig,
  options: { session?: SessionOptions; catalog?: ModelCatalog } = {},
): Promise<LoadedMlRuntime> {
  const catalog = options.catalog ?? shippedModelCatalog();
  const sessionOptions = { ...sessionOptionsFromEnv(), ...options.session };
  const ml: MlRuntime = {};
  const runners: OpenSession['runner'][] = [];
  let candidateCache: CandidateEmbeddingCache | undefined;
  // Opens one role's model and puts it into `ml` (every role has a field of its own).
  const openRole = async (role: ModelRole): Promise<ModelLoad> => {
    const remote = role === 'embedding' ? readRemoteEmbeddingConfig(config.global) : undefined;
    if (remote && remote.kind !== 'none') {
      const opened = await openRemoteEmbedder(dataDir, remote);
      if (opened.cache) {
        candidateCache = opened.cache;
        ml.embedder = opened.cache;
      }
      return opened.load;
    }
    const entry = findCatalogEntry(catalog, role);
    const installed = await inspectInstalledModel(dataDir, role);
    if (!entry || !installed || installed.status !== 'ok' || !installed.manifest) {
      return {
        role,
        status: 'missing',
        reason: installed?.problem ?? `run \`homelane models pull ${role}\``,
      };
    }
    let opened: OpenSession | undefined;
    try {
      const onnxFile = entry.files.map((f) => f.path).find((p) => p.endsWith('model.onnx'));
      if (!onnxFile) throw new Error(`the catalog names no ONNX file for ${role}`);
      opened = await openSession(join(installed.dir, ...onnxFile.split('/')), sessionOptions, role);
      const mappings = entry.files
        .map((f) => f.path)
        .filter((p) => p.endsWith('.json') && p.includes('mapping'));
      const weights =
        installed.manifest.files.find((f) => f.path === onnxFile)?.sha256 ??
        installed.manifest.installed_at;
      const modelId = `${role}@${weights.slice(0, 12)}`;
      if (entry.task === 'embedding') {
        const tokenizer = await loadTokenizer(
          installed.dir,
          modelMaxLength(installed.dir, EMBEDDING_MAX_TOKENS),
        );
        const dimension = settingNumber(
          config.global,
          ['model_catalog', 'embeddings', 'semantic', 'embedding_config', 'target_dimension'],
          DEFAULT_DIMENSION,
        );
        const embedder = new OnnxEmbedder(modelId, opened, tokenizer, dimension);
        candidateCache = new CandidateEmbeddingCache(
          embedder,
          modelId,
          candidateCacheFile(dataDir),
        );
        ml.embedder = candidateCache;
      } else {
        const tokenizer = await loadTokenizer(
          installed.dir,
          modelMaxLength(installed.dir, CLASSIFIER_MAX_TOKENS),
        );
        const labels = readLabels(installed.dir, mappings);
        if (entry.task === 'token_classification')
          ml.pii = new OnnxTokenClassifier(modelId, labels, opened, tokenizer);
        else
          ml[RUNTIME_SLOT[role as ClassifierRole]] = new OnnxSequenceClassifier(
            modelId,
            labels,
            opened,
            tokenizer,
          );
      }
      runners.push(opened.runner);
      return { role, status: 'loaded', executionProvider: opened.executionProvider };
    } catch (error) {
      await opened?.runner.release();
      return {
        role,
        status: 'error',
        reason: error instanceof Error ? error.message : String(error),
      };
    }
  };
  // Concurrently: each model's worker starts and opens its session on its own thread.
  const models = await Promise.all([...rolesForConfig(config)].map(openRole));
  const release = async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.release()));
  };
  return { ml, models, release, ...(candidateCache ? { candidateCache } : {}) };
}

/**
 * A remote embedding model, if its endpoint is on this machine or the LAN.
 * A cloud endpoint is refused before anything is sent. One probe text is
 * embedded up front: it shows the endpoint answers (as opening an ONNX
 * session does for an installed model), and a fingerprint of its vector goes
 * into the cache key, so candidate vectors cached for one model are never
 * served after the endpoint starts answering with another under the same name.
 */
async function openRemoteEmbedder(
  dataDir: string,
  setting: Exclude<RemoteEmbeddingSetting, { kind: 'none' }>,
): Promise<{ load: ModelLoad; cache?: CandidateEmbeddingCache }> {
  const failed = (reason: string) => ({
    load: { role: 'embedding' as const, status: 'error' as const, reason },
  });
  if (setting.kind === 'invalid') return failed(setting.reason);
  const { config } = setting;
  if (endpointLocality(config.baseUrl) === 'cloud')
    return failed(cloudEndpointReason(config.baseUrl));
  try {
    const embedder = new RemoteEmbedder(config);
    const [probe = new Float32Array()] = await embedder.embed([PROBE_TEXT]);
    const fingerprint = createHash('sha256')
      .update(`${probe.length}:${Array.from(probe.subarray(0, 16), (v) => v.toFixed(2)).join(',')}`)
      .digest('hex')
      .slice(0, 12);
    const modelKey = `remote|${embedder.url}|${config.model}|${config.dimension ?? 0}|${fingerprint}`;
    const cache = new CandidateEmbeddingCache(embedder, modelKey, candidateCacheFile(dataDir));
    return { load: { role: 'embedding', status: 'loaded', executionProvider: 'remote' }, cache };
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
}
