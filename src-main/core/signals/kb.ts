import type { KbDefinition } from '../config/schema/global';
import type { KbRule } from '../config/schema/signals';
import type { PrototypeBank } from '../ml/prototype-bank';
import { embedPrototypeBanks, scorePrototypeBank } from '../ml/prototype-bank';
import {
  errorOutput,
  guarded,
  guardedPrepare,
  missingModelReason,
  okOutput,
  queryEmbeddingFor,
  unavailableSignal,
} from './model-support';
import type { LoadedKb, SignalModule } from './signal-module';
import { signalKey } from './signal-types';

// kb (reference §2.14): a knowledge base is a set of labels, each with
// exemplar texts. The request is scored against every label's prototype
// bank; rules then ask for a label or group (the best one, or any over its
// threshold) and the KB's metrics feed projections as `kb_metric` inputs.
//
// An omitted KB threshold is 0, as upstream's zero value. Besides the KBs the
// rules name, KBs declared in `global.model_catalog.kbs` are scored too so
// their metrics are there for projections.

export interface KbScores {
  labelScores: Map<string, number>;
  matchedLabels: string[];
  groupScores: Map<string, number>;
  matchedGroups: string[];
  bestLabel?: string;
  bestGroup?: string;
  /** Metric name → value: best_score, best_matched_score and each group_margin. */
  metrics: Map<string, number>;
}

/** The highest-scoring name; ties go to the alphabetically first. */
function bestOf(scores: ReadonlyMap<string, number>): { name?: string; score: number } {
  let name: string | undefined;
  let score = 0;
  for (const candidate of [...scores.keys()].sort()) {
    const value = scores.get(candidate) ?? 0;
    if (name === undefined || value > score) {
      name = candidate;
      score = value;
    }
  }
  return name === undefined ? { score: 0 } : { name, score };
}

/** Everything a KB says about one request, from its label scores. */
export function summarizeKb(definition: KbDefinition, labelScores: Map<string, number>): KbScores {
  const thresholdOf = (label: string): number =>
    definition.label_thresholds?.[label] ?? definition.threshold ?? 0;
  const matchedLabels = [...labelScores.keys()]
    .filter((label) => (labelScores.get(label) ?? 0) >= thresholdOf(label))
    .sort();
  const matchedSet = new Set(matchedLabels);

  const groups = definition.groups ?? {};
  const groupScores = new Map<string, number>();
  const matchedGroups: string[] = [];
  for (const [group, labels] of Object.entries(groups)) {
    groupScores.set(group, Math.max(0, ...labels.map((label) => labelScores.get(label) ?? 0)));
    if (labels.some((label) => matchedSet.has(label))) matchedGroups.push(group);
  }
  matchedGroups.sort();

  const best = bestOf(labelScores);
  const bestMatched = bestOf(new Map(matchedLabels.map((l) => [l, labelScores.get(l) ?? 0])));
  const metrics = new Map<string, number>([
    ['best_score', best.score],
    ['best_matched_score', bestMatched.score],
  ]);
  for (const metric of definition.metrics ?? []) {
    if (metric.type !== 'group_margin') continue;
    const positive = groupScores.get(metric.positive_group ?? '') ?? 0;
    const negative = groupScores.get(metric.negative_group ?? '') ?? 0;
    metrics.set(metric.name, positive - negative);
  }
  const bestGroup = bestOf(groupScores).name;
  return {
    labelScores,
    matchedLabels,
    groupScores,
    matchedGroups,
    ...(best.name !== undefined ? { bestLabel: best.name } : {}),
    ...(bestGroup !== undefined ? { bestGroup } : {}),
    metrics,
  };
}

/** Whether a rule's target holds, and the target's score as the confidence. */
export function kbRuleResult(
  rule: KbRule,
  scores: KbScores,
): { matched: boolean; confidence: number } | { error: string } {
  const kind = rule.target.kind.toLowerCase();
  const wantsBest = rule.match?.toLowerCase() === 'best';
  if (rule.match !== undefined && !wantsBest && rule.match.toLowerCase() !== 'threshold') {
    return { error: `kb rule "${rule.name}": unknown match "${rule.match}" (best or threshold)` };
  }
  const target = rule.target.value;
  if (kind === 'label') {
    const matched = wantsBest ? scores.bestLabel === target : scores.matchedLabels.includes(target);
    return { matched, confidence: scores.labelScores.get(target) ?? 0 };
  }
  if (kind === 'group') {
    const matched = wantsBest ? scores.bestGroup === target : scores.matchedGroups.includes(target);
    return { matched, confidence: scores.groupScores.get(target) ?? 0 };
  }
  return {
    error: `kb rule "${rule.name}": unknown target kind "${rule.target.kind}" (label or group)`,
  };
}

interface CompiledKb {
  name: string;
  kb: LoadedKb;
  banks: Map<string, PrototypeBank>;
}

export const kbSignal: SignalModule<KbRule> = {
  type: 'kb',
  configKey: 'kb',
  prepare(rules, env) {
    const declared = (env.global.model_catalog?.kbs ?? []).map((kb) => kb.name);
    const wanted = [...new Set([...rules.map((rule) => rule.kb), ...declared])];
    if (wanted.length === 0) return { evaluate: () => okOutput() };
    const embedder = env.ml.embedder;
    if (!embedder) return unavailableSignal(missingModelReason('kb', 'embedding'));

    const unknown = rules.filter((rule) => !env.kbs.has(rule.kb));
    if (unknown.length > 0) {
      const errors = Object.fromEntries(
        unknown.map((rule) => [
          signalKey('kb', rule.name),
          `kb rule "${rule.name}" refers to knowledge base "${rule.kb}", which is not defined`,
        ]),
      );
      const output = errorOutput(Object.values(errors).join('; '), errors);
      return { evaluate: () => output };
    }

    return guardedPrepare('kb', async () => {
      const kbs = wanted.flatMap((name) => {
        const kb = env.kbs.get(name);
        return kb ? [{ name, kb }] : [];
      });
      const labelSets = kbs.flatMap(({ kb }) =>
        [...kb.labels.entries()].filter(([, label]) => label.exemplars.length > 0),
      );
      const banks = await embedPrototypeBanks(
        embedder,
        labelSets.map(([, label]) => label.exemplars),
      );
      let next = 0;
      const compiled: CompiledKb[] = kbs.map(({ name, kb }) => {
        const labelBanks = new Map<string, PrototypeBank>();
        for (const [label, entry] of kb.labels) {
          if (entry.exemplars.length === 0) continue;
          labelBanks.set(label, banks[next++] ?? { prototypes: [] });
        }
        return { name, kb, banks: labelBanks };
      });

      return guarded('kb', async (input) => {
        const query = await queryEmbeddingFor(input, 'kb');
        if (!(query instanceof Float32Array)) return query;
        const byKb = new Map<string, KbScores>();
        const kbMetrics: Record<string, number> = {};
        const details: Record<string, unknown> = {};
        for (const { name, kb, banks: labelBanks } of compiled) {
          const labelScores = new Map(
            [...labelBanks].map(([label, bank]) => [label, scorePrototypeBank(bank, query).score]),
          );
          const scores = summarizeKb(kb.definition, labelScores);
          byKb.set(name, scores);
          for (const [metric, value] of scores.metrics) {
            kbMetrics[`kb_metric:${name}:${metric}`.toLowerCase()] = value;
          }
          details[name] = {
            bestLabel: scores.bestLabel,
            bestGroup: scores.bestGroup,
            matchedLabels: scores.matchedLabels,
            matchedGroups: scores.matchedGroups,
          };
        }

        const matched: string[] = [];
        const confidences: Record<string, number> = {};
        const errors: Record<string, string> = {};
        for (const rule of rules) {
          const scores = byKb.get(rule.kb);
          if (!scores) continue;
          const result = kbRuleResult(rule, scores);
          if ('error' in result) {
            errors[signalKey('kb', rule.name)] = result.error;
          } else if (result.matched) {
            matched.push(rule.name);
            confidences[signalKey('kb', rule.name)] = result.confidence;
          }
        }
        return okOutput({
          matched,
          confidences,
          kbMetrics,
          details,
          ...(Object.keys(errors).length > 0 ? { errors } : {}),
        });
      });
    });
  },
};
