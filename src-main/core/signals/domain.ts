import type { DomainRule } from '../config/schema/signals';
import {
  MODULES,
  guarded,
  missingModelReason,
  okOutput,
  settingNumber,
  unavailableSignal,
} from './model-support';
import type { SignalModule } from './signal-module';
import { signalKey } from './signal-types';

// domain (reference §2.3): a 14-way MMLU-Pro classifier. A confident
// prediction (low entropy) yields only its top class; an uncertain one yields
// every class over the threshold. Labels reach rules through each rule's
// `mmlu_categories`, or by the rule being named like the label.

export const DEFAULT_DOMAIN_THRESHOLD = 0.5;
/** Below this normalised entropy the classifier is sure enough to trust its top class alone. */
export const DOMAIN_LOW_ENTROPY = 0.4;

/** Case, spaces and underscores do not distinguish labels (`computer_science` = `Computer Science`). */
export function normalizeDomainLabel(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}

/** Shannon entropy (bits) of the distribution divided by log2(N); 0 for N ≤ 1. */
export function normalizedEntropy(probabilities: readonly number[]): number {
  const total = probabilities.reduce((s, p) => s + Math.max(0, p), 0);
  if (probabilities.length <= 1 || total <= 0) return 0;
  let entropy = 0;
  for (const p of probabilities) {
    const q = Math.max(0, p) / total;
    if (q > 0) entropy -= q * Math.log2(q);
  }
  return entropy / Math.log2(probabilities.length);
}

export interface DetectedLabel {
  label: string;
  probability: number;
}

/** The labels the distribution supports, most probable first. */
export function detectDomainLabels(
  labels: readonly string[],
  probabilities: readonly number[],
  threshold: number,
): { detected: DetectedLabel[]; entropy: number } {
  const ranked = labels
    .map((label, i) => ({ label, probability: probabilities[i] ?? 0 }))
    .sort((a, b) => b.probability - a.probability || (a.label < b.label ? -1 : 1));
  const entropy = normalizedEntropy(probabilities);
  const candidates = entropy < DOMAIN_LOW_ENTROPY ? ranked.slice(0, 1) : ranked;
  return { detected: candidates.filter((c) => c.probability >= threshold), entropy };
}

function ruleLabels(rule: DomainRule): Set<string> {
  const categories = rule.mmlu_categories?.filter((c) => c.trim() !== '') ?? [];
  return new Set((categories.length > 0 ? categories : [rule.name]).map(normalizeDomainLabel));
}

export const domainSignal: SignalModule<DomainRule> = {
  type: 'domain',
  configKey: 'domains',
  prepare(rules, env) {
    if (rules.length === 0) return { evaluate: () => okOutput() };
    const classifier = env.ml.domain;
    if (!classifier) return unavailableSignal(missingModelReason('domain', 'domain classifier'));
    const threshold = settingNumber(
      env.global,
      [...MODULES, 'classifier', 'domain', 'threshold'],
      DEFAULT_DOMAIN_THRESHOLD,
    );
    const compiled = rules.map((rule) => ({ rule, labels: ruleLabels(rule) }));

    return guarded('domain', async ({ views }) => {
      const probabilities = await classifier.classify(views.semanticText);
      const { detected, entropy } = detectDomainLabels(classifier.labels, probabilities, threshold);
      const matched: string[] = [];
      const confidences: Record<string, number> = {};
      for (const { label, probability } of detected) {
        const normalized = normalizeDomainLabel(label);
        for (const { rule, labels } of compiled) {
          if (!labels.has(normalized)) continue;
          const key = signalKey('domain', rule.name);
          if (!matched.includes(rule.name)) matched.push(rule.name);
          confidences[key] = Math.max(confidences[key] ?? 0, probability);
        }
      }
      return okOutput({
        matched,
        confidences,
        details: {
          // Label names as the model spells them, most probable first; decision
          // leaves match them against a domain's mmlu_categories.
          labels: detected.map((d) => d.label),
          probabilities: Object.fromEntries(detected.map((d) => [d.label, d.probability])),
          entropy,
        },
      });
    });
  },
};
