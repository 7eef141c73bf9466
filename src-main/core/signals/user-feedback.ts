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

// user_feedback (reference §2.5, §9 item 15): how the user reacts to the
// previous answer. It only runs once the conversation holds an assistant
// reply; an unsure prediction counts as `satisfied`; a label is emitted only
// if a rule carries that exact name; no confidence is written.

export const DEFAULT_FEEDBACK_THRESHOLD = 0.7;
export const FEEDBACK_LABELS = [
  'satisfied',
  'need_clarification',
  'wrong_answer',
  'want_different',
] as const;

/** `Need Clarification`, `need-clarification` → `need_clarification`. */
export function normalizeFeedbackLabel(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export const userFeedbackSignal: SignalModule<NamedRule> = {
  type: 'user_feedback',
  configKey: 'user_feedbacks',
  prepare(rules, env) {
    if (rules.length === 0) return { evaluate: () => okOutput() };
    const classifier = env.ml.feedback;
    if (!classifier) {
      return unavailableSignal(missingModelReason('user_feedback', 'feedback classifier'));
    }
    const threshold = settingNumber(
      env.global,
      [...MODULES, 'feedback_detector', 'threshold'],
      DEFAULT_FEEDBACK_THRESHOLD,
    );
    const declared = new Set(rules.map((rule) => rule.name));

    return guarded('user_feedback', async ({ views }) => {
      if (!views.hasAssistantReply) {
        return okOutput({ details: { skipped: 'no assistant reply yet' } });
      }
      const probabilities = await classifier.classify(views.semanticText);
      const top = argmax(probabilities);
      const predicted = normalizeFeedbackLabel(classifier.labels[top.index] ?? 'satisfied');
      const label = top.probability >= threshold ? predicted : 'satisfied';
      return okOutput({
        matched: declared.has(label) ? [label] : [],
        details: { label, probability: top.probability, predicted },
      });
    });
  },
};
