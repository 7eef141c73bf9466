import type { Global } from '../config/schema/global';
import type { EmbeddingRule } from '../config/schema/signals';
import type { PrototypeBank } from '../ml/prototype-bank';
import { embedPrototypeBanks, scorePrototypeBank } from '../ml/prototype-bank';
import {
  guarded,
  guardedPrepare,
  missingModelReason,
  okOutput,
  queryEmbeddingFor,
  settingBoolean,
  settingNumber,
  unavailableSignal,
} from './model-support';
import type { SignalModule, SignalOutput } from './signal-module';
import { signalKey } from './signal-types';

// embedding (reference §2.2, §9 items 1–3): cosine of the request to each
// rule's prototype bank. All matches are returned sorted; the pipeline runs
// partitions first and then keeps the top-k with `applyEmbeddingTopK`.

export const DEFAULT_EMBEDDING_TOP_K = 1;
export const DEFAULT_MIN_SCORE_THRESHOLD = 0.5;
export const DEFAULT_ENABLE_SOFT_MATCHING = true;

const EMBEDDING_CONFIG = ['model_catalog', 'embeddings', 'semantic', 'embedding_config'];

export interface EmbeddingSettings {
  /** How many embedding matches survive after partitions; 0 = all. */
  topK: number;
  /** Soft matches need at least this score. */
  minScoreThreshold: number;
  /** When no rule reaches its own threshold, accept rules above `minScoreThreshold`. */
  enableSoftMatching: boolean;
}

/** `global.model_catalog.embeddings.semantic.embedding_config`, read leniently. */
export function readEmbeddingSettings(global: Global | undefined): EmbeddingSettings {
  return {
    topK: settingNumber(global, [...EMBEDDING_CONFIG, 'top_k'], DEFAULT_EMBEDDING_TOP_K),
    minScoreThreshold: settingNumber(
      global,
      [...EMBEDDING_CONFIG, 'min_score_threshold'],
      DEFAULT_MIN_SCORE_THRESHOLD,
    ),
    enableSoftMatching: settingBoolean(
      global,
      [...EMBEDDING_CONFIG, 'enable_soft_matching'],
      DEFAULT_ENABLE_SOFT_MATCHING,
    ),
  };
}

/**
 * Keeps the `k` embedding matches with the highest confidence (ties by name;
 * a match without a confidence ranks as 0) and drops the others'
 * confidences. `k <= 0` keeps everything.
 */
export function applyEmbeddingTopK(
  matched: readonly string[],
  confidences: Readonly<Record<string, number>>,
  k: number,
): { matched: string[]; confidences: Record<string, number> } {
  const kept = { ...confidences };
  if (k <= 0 || matched.length <= k) return { matched: [...matched], confidences: kept };
  const confidenceOf = (name: string): number => confidences[signalKey('embedding', name)] ?? 0;
  const ranked = [...matched].sort(
    (a, b) => confidenceOf(b) - confidenceOf(a) || (a < b ? -1 : a > b ? 1 : 0),
  );
  for (const name of ranked.slice(k)) delete kept[signalKey('embedding', name)];
  return { matched: ranked.slice(0, k), confidences: kept };
}

interface CompiledRule {
  rule: EmbeddingRule;
  bank: PrototypeBank;
}

/** Only text queries are embedded; image/audio rules need a multimodal model. */
function isTextRule(rule: EmbeddingRule): boolean {
  const modality = rule.query_modality?.toLowerCase();
  return modality === undefined || modality === '' || modality === 'text';
}

function scoreEmbeddingRules(
  compiled: readonly CompiledRule[],
  query: Float32Array,
  settings: EmbeddingSettings,
): SignalOutput {
  const values: Record<string, number> = {};
  const scored = compiled.map(({ rule, bank }) => {
    const result = scorePrototypeBank(bank, query, rule.aggregation_method);
    const key = signalKey('embedding', rule.name);
    values[key] = result.score;
    values[`${key}:best`] = result.best;
    values[`${key}:support`] = result.support;
    values[`${key}:prototype_count`] = result.prototypeCount;
    // An omitted threshold is 0, as upstream's zero value: the rule always clears it.
    return { name: rule.name, score: result.score, threshold: rule.threshold ?? 0 };
  });

  let mode: 'hard' | 'soft' | 'none' = 'hard';
  let hits = scored.filter((s) => s.score >= s.threshold);
  if (hits.length === 0) {
    hits = settings.enableSoftMatching
      ? scored.filter((s) => s.score >= settings.minScoreThreshold)
      : [];
    mode = hits.length > 0 ? 'soft' : 'none';
  }
  hits.sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const confidences: Record<string, number> = {};
  for (const hit of hits) confidences[signalKey('embedding', hit.name)] = hit.score;
  return okOutput({ matched: hits.map((h) => h.name), confidences, values, details: { mode } });
}

export const embeddingSignal: SignalModule<EmbeddingRule> = {
  type: 'embedding',
  configKey: 'embeddings',
  prepare(rules, env) {
    if (rules.length === 0) return { evaluate: () => okOutput() };
    const embedder = env.ml.embedder;
    if (!embedder) return unavailableSignal(missingModelReason('embedding', 'embedding'));
    return guardedPrepare('embedding', async () => {
      const settings = readEmbeddingSettings(env.global);
      const textRules = rules.filter(isTextRule);
      const skipped = rules.filter((rule) => !isTextRule(rule)).map((rule) => rule.name);
      const banks = await embedPrototypeBanks(
        embedder,
        textRules.map((rule) => rule.candidates),
      );
      const compiled = textRules.map((rule, i) => ({ rule, bank: banks[i] ?? { prototypes: [] } }));
      return guarded('embedding', async (input) => {
        const query = await queryEmbeddingFor(input, 'embedding');
        if (!(query instanceof Float32Array)) return query;
        const output = scoreEmbeddingRules(compiled, query, settings);
        if (skipped.length > 0)
          output.details = { ...output.details, nonTextRulesSkipped: skipped };
        return output;
      });
    });
  },
};
