import type { NamedRule } from '../config/schema/signals';
import {
  MODULES,
  argmax,
  guarded,
  missingModelReason,
  okOutput,
  settingNumber,
  unavailableSignal,
} from './model-support';
import type { SignalModule } from './signal-module';

// fact_check (reference §2.4, §9 items 6, 15): a binary classifier. A
// positive prediction below the threshold counts as negative. The result is
// emitted only when a rule carries that exact name; no confidence is written.

export const DEFAULT_FACT_CHECK_THRESHOLD = 0.6;
export const NEEDS_FACT_CHECK = 'needs_fact_check';
export const NO_FACT_CHECK_NEEDED = 'no_fact_check_needed';

const POSITIVE_LABELS = new Set(['FACTCHECKNEEDED', 'NEEDSFACTCHECK']);

/**
 * Index of the "needs a fact check" class: found by name, else class 1 of a
 * two-class model (upstream's convention); -1 when neither applies.
 */
export function positiveFactCheckIndex(labels: readonly string[]): number {
  const byName = labels.findIndex((label) =>
    POSITIVE_LABELS.has(label.toUpperCase().replace(/[^A-Z]/g, '')),
  );
  if (byName !== -1) return byName;
  return labels.length === 2 ? 1 : -1;
}

export const factCheckSignal: SignalModule<NamedRule> = {
  type: 'fact_check',
  configKey: 'fact_check',
  prepare(rules, env) {
    if (rules.length === 0) return { evaluate: () => okOutput() };
    const classifier = env.ml.factCheck;
    if (!classifier) {
      return unavailableSignal(missingModelReason('fact_check', 'fact-check classifier'));
    }
    const threshold = settingNumber(
      env.global,
      [...MODULES, 'hallucination_mitigation', 'fact_check', 'threshold'],
      DEFAULT_FACT_CHECK_THRESHOLD,
    );
    const positive = positiveFactCheckIndex(classifier.labels);
    const declared = new Set(rules.map((rule) => rule.name));

    return guarded('fact_check', async ({ views }) => {
      if (positive === -1) {
        throw new Error(
          `cannot tell which of the labels ${classifier.labels.join(', ')} means "needs a fact check"`,
        );
      }
      const probabilities = await classifier.classify(views.semanticText);
      const top = argmax(probabilities);
      const needsFactCheck = top.index === positive && top.probability >= threshold;
      const result = needsFactCheck ? NEEDS_FACT_CHECK : NO_FACT_CHECK_NEEDED;
      return okOutput({
        matched: declared.has(result) ? [result] : [],
        details: {
          result,
          probability: probabilities[positive] ?? 0,
          label: classifier.labels[top.index],
        },
      });
    });
  },
};
