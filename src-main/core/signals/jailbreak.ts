import type { JailbreakRule } from '../config/schema/signals';
import { embedTexts } from '../ml/prototype-bank';
import type { SequenceClassifier } from '../ml/types';
import { maxCosine } from '../ml/vector';
import {
  MODULES,
  errorOutput,
  guarded,
  guardedPrepare,
  memoize,
  missingModelReason,
  okOutput,
  settingNumber,
  unavailableSignal,
} from './model-support';
import type { SignalModule } from './signal-module';
import { signalKey } from './signal-types';
import type { TextViews } from './text-views';
import { JAILBREAK_CHUNK_UNITS, chunkText } from './text-chunks';

// jailbreak (reference §2.12): scans the whole current text (and, with
// include_history, the system/assistant/tool texts) in overlapping chunks.
// `classifier`: risk = probability of the jailbreak class(es), best chunk
// wins. `contrastive`: per chunk, closeness to the jailbreak patterns minus
// closeness to the benign ones. Confidence = the best chunk's score.

/** The prompt-guard module's default, used when a classifier rule sets no threshold. */
export const DEFAULT_JAILBREAK_THRESHOLD = 0.7;
export const DEFAULT_CONTRASTIVE_THRESHOLD = 0.1;
/** Classifier labels whose probabilities add up to the risk. */
export const JAILBREAK_POSITIVE_LABELS = new Set(['jailbreak']);

type Method = 'classifier' | 'contrastive';

function methodOf(rule: JailbreakRule): Method | undefined {
  const method = rule.method?.trim().toLowerCase() ?? '';
  if (method === '' || method === 'classifier') return 'classifier';
  if (method === 'contrastive') return 'contrastive';
  return undefined;
}

/** Sum of the probabilities of every positive (jailbreak) label. */
export function jailbreakRisk(labels: readonly string[], probabilities: readonly number[]): number {
  return labels.reduce(
    (sum, label, i) =>
      JAILBREAK_POSITIVE_LABELS.has(label.trim().toLowerCase())
        ? sum + (probabilities[i] ?? 0)
        : sum,
    0,
  );
}

function scannedTexts(rule: JailbreakRule, views: TextViews): string[] {
  return [views.signalText, ...(rule.include_history ? views.nonUserTexts : [])];
}

export interface ContrastivePatterns {
  jailbreak: Float32Array[];
  benign: Float32Array[];
}

export const jailbreakSignal: SignalModule<JailbreakRule> = {
  type: 'jailbreak',
  configKey: 'jailbreak',
  prepare(rules, env) {
    if (rules.length === 0) return { evaluate: () => okOutput() };
    const unsupported = rules.filter((rule) => methodOf(rule) === undefined);
    if (unsupported.length > 0) {
      const reason = unsupported
        .map((rule) => `jailbreak method ${rule.method ?? ''} is not available`)
        .join('; ');
      return { evaluate: () => errorOutput(reason) };
    }
    const usesClassifier = rules.some((rule) => methodOf(rule) === 'classifier');
    const usesContrastive = rules.some((rule) => methodOf(rule) === 'contrastive');
    const classifier = env.ml.jailbreak;
    const embedder = env.ml.embedder;
    if (usesClassifier && !classifier) {
      return unavailableSignal(missingModelReason('jailbreak', 'jailbreak classifier'));
    }
    if (usesContrastive && !embedder) {
      return unavailableSignal(missingModelReason('jailbreak', 'embedding'));
    }
    const moduleThreshold = settingNumber(
      env.global,
      [...MODULES, 'prompt_guard', 'threshold'],
      DEFAULT_JAILBREAK_THRESHOLD,
    );

    return guardedPrepare('jailbreak', async () => {
      const patterns = new Map<string, ContrastivePatterns>();
      if (embedder && usesContrastive) {
        const contrastive = rules.filter((rule) => methodOf(rule) === 'contrastive');
        const vectors = await embedTexts(
          embedder,
          contrastive.flatMap((r) => [
            ...(r.jailbreak_patterns ?? []),
            ...(r.benign_patterns ?? []),
          ]),
        );
        const lookup = (texts: readonly string[] | undefined): Float32Array[] =>
          (texts ?? []).flatMap((t) => vectors.get(t) ?? []);
        for (const rule of contrastive) {
          patterns.set(rule.name, {
            jailbreak: lookup(rule.jailbreak_patterns),
            benign: lookup(rule.benign_patterns),
          });
        }
      }

      return guarded('jailbreak', async ({ views }) => {
        const chunksOf = (text: string): string[] =>
          chunkText(text, JAILBREAK_CHUNK_UNITS).map((chunk) => chunk.text);
        const risk = classifier ? classifierRisk(classifier) : undefined;
        const chunkVectors =
          embedder && usesContrastive
            ? await embedTexts(
                embedder,
                rules
                  .filter((rule) => methodOf(rule) === 'contrastive')
                  .flatMap((rule) => scannedTexts(rule, views).flatMap(chunksOf)),
              )
            : new Map<string, Float32Array>();

        const matched: string[] = [];
        const confidences: Record<string, number> = {};
        const bestScores: Record<string, number> = {};
        for (const rule of rules) {
          const chunks = scannedTexts(rule, views).flatMap(chunksOf);
          let best: number | undefined;
          let threshold: number;
          if (methodOf(rule) === 'contrastive') {
            threshold = rule.threshold ?? DEFAULT_CONTRASTIVE_THRESHOLD;
            const ruleVectors = patterns.get(rule.name);
            for (const chunk of chunks) {
              const vector = chunkVectors.get(chunk);
              const score =
                vector && ruleVectors ? contrastiveScore(vector, ruleVectors) : undefined;
              if (score !== undefined && (best === undefined || score > best)) best = score;
            }
          } else {
            threshold = rule.threshold ?? moduleThreshold;
            for (const chunk of chunks) {
              const score = risk ? await risk(chunk) : 0;
              if (best === undefined || score > best) best = score;
            }
          }
          if (best === undefined) continue;
          bestScores[rule.name] = best;
          if (best >= threshold) {
            matched.push(rule.name);
            confidences[signalKey('jailbreak', rule.name)] = best;
          }
        }
        return okOutput({ matched, confidences, details: { bestScores } });
      });
    });
  },
};

/** Risk per chunk text, classified once per request even when several rules scan it. */
function classifierRisk(classifier: SequenceClassifier): (chunk: string) => Promise<number> {
  if (![...classifier.labels].some((l) => JAILBREAK_POSITIVE_LABELS.has(l.trim().toLowerCase()))) {
    throw new Error(
      `the jailbreak classifier has no "jailbreak" label (${classifier.labels.join(', ')})`,
    );
  }
  return memoize(async (chunk) =>
    jailbreakRisk(classifier.labels, await classifier.classify(chunk)),
  );
}

/** max cos to the jailbreak patterns − max cos to the benign ones (0 without benign patterns). */
export function contrastiveScore(
  chunk: Float32Array,
  patterns: ContrastivePatterns,
): number | undefined {
  const attack = maxCosine(chunk, patterns.jailbreak);
  if (attack === undefined) return undefined;
  return attack - (maxCosine(chunk, patterns.benign) ?? 0);
}
