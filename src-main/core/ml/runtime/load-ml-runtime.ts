import { join } from 'node:path';
import type { RouterConfig } from '../../config/router-config';
import { settingNumber } from '../../signals/model-support';
import { SIGNAL_INFO } from '../../signals/signal-types';
import type { SignalType } from '../../signals/signal-types';
import { findCatalogEntry, shippedModelCatalog } from '../catalog/model-catalog';
import type { ModelCatalog, ModelRole } from '../catalog/model-catalog';
import { inspectInstalledModel } from '../download/installed-models';
import type { MlRuntime } from '../types';
import { ROLE_OF_FAMILY } from '../model-roles';
import { CandidateEmbeddingCache } from './candidate-cache';
import { loadTokenizer, modelMaxLength } from './hf-tokenizer';
import { readLabels } from './model-labels';
import { OnnxEmbedder } from './onnx-embedder';
import { OnnxSequenceClassifier, OnnxTokenClassifier } from './onnx-classifier';
import { openSession } from './ort';
import type { SessionOptions } from './ort';

/** Classifiers read at most this many tokens, as upstream's ONNX path does. */
const CLASSIFIER_MAX_TOKENS = 512;
/** The embedding model reads the 2048-rune semantic sample; this bounds its tokens. */
const EMBEDDING_MAX_TOKENS = 8192;
const DEFAULT_DIMENSION = 768;

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
 * `unavailable`; nothing here stops routing.
 */
export async function loadMlRuntime(
  dataDir: string,
  config: RouterConfig,
  options: { session?: SessionOptions; catalog?: ModelCatalog } = {},
): Promise<LoadedMlRuntime> {
  const catalog = options.catalog ?? shippedModelCatalog();
  const ml: MlRuntime = {};
  const models: ModelLoad[] = [];
  let candidateCache: CandidateEmbeddingCache | undefined;
  for (const role of rolesForConfig(config)) {
    const entry = findCatalogEntry(catalog, role);
    const installed = await inspectInstalledModel(dataDir, role);
    if (!entry || !installed || installed.status !== 'ok' || !installed.manifest) {
      models.push({
        role,
        status: 'missing',
        reason: installed?.problem ?? `run \`homelane models pull ${role}\``,
      });
      continue;
    }
    try {
      const onnxFile = entry.files.map((f) => f.path).find((p) => p.endsWith('model.onnx'));
      if (!onnxFile) throw new Error(`the catalog names no ONNX file for ${role}`);
      const opened = await openSession(
        join(installed.dir, ...onnxFile.split('/')),
        options.session,
      );
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
          join(dataDir, 'cache', 'candidate-embeddings.sqlite'),
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
          assignClassifier(
            ml,
            role,
            new OnnxSequenceClassifier(modelId, labels, opened, tokenizer),
          );
      }
      models.push({ role, status: 'loaded', executionProvider: opened.executionProvider });
    } catch (error) {
      models.push({
        role,
        status: 'error',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { ml, models, ...(candidateCache ? { candidateCache } : {}) };
}

function assignClassifier(
  ml: MlRuntime,
  role: ModelRole,
  classifier: OnnxSequenceClassifier,
): void {
  if (role === 'domain') ml.domain = classifier;
  else if (role === 'jailbreak') ml.jailbreak = classifier;
  else if (role === 'fact_check') ml.factCheck = classifier;
  else if (role === 'feedback') ml.feedback = classifier;
  else if (role === 'modality') ml.modality = classifier;
}
