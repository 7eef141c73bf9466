import type { LanguageRule } from '../config/schema/signals';
import type { DetectedLanguage } from './language/detect';
import { detectLanguage, loadNgramScorer } from './language/detect';
import { guardedPrepare, okOutput } from './model-support';
import type { SignalModule, SignalOutput } from './signal-module';
import { SIGNAL_INFO } from './signal-types';

// language (reference §2.10, §9 items 6, 15): the language of the semantic
// text by ISO 639-1 code. Blank text, a failed detection, or a confidence
// below the threshold (the smallest non-zero rule threshold, else 0.3) reads
// as English with confidence 0.5. A rule is emitted when its name is the
// detected code and its own threshold, if any, is met. No confidence is
// written: consumers read 1.0. Upstream uses lingua; we use eld's n-grams
// behind a CJK script rule (see ./language/), so short texts may differ.

export const DEFAULT_LANGUAGE_THRESHOLD = 0.3;
export const FALLBACK_LANGUAGE = 'en';
export const FALLBACK_CONFIDENCE = 0.5;

/** The smallest positive rule threshold, else the default. */
export function languageThreshold(rules: readonly LanguageRule[]): number {
  const set = rules.map((rule) => rule.threshold ?? 0).filter((threshold) => threshold > 0);
  return set.length > 0 ? Math.min(...set) : DEFAULT_LANGUAGE_THRESHOLD;
}

interface Outcome {
  detected: string;
  confidence: number;
  fallback: boolean;
  /** What the detector said before falling back, when it said anything. */
  rejected?: DetectedLanguage;
}

function decide(found: DetectedLanguage | null, threshold: number): Outcome {
  if (found && found.confidence >= threshold) {
    return { detected: found.language, confidence: found.confidence, fallback: false };
  }
  return {
    detected: FALLBACK_LANGUAGE,
    confidence: FALLBACK_CONFIDENCE,
    fallback: true,
    ...(found ? { rejected: found } : {}),
  };
}

/** The detected code, when a rule has that exact name and its own threshold (if any) is met. */
function emitted(rules: readonly LanguageRule[], outcome: Outcome): string[] {
  const fires = rules.some(
    (rule) =>
      rule.name === outcome.detected &&
      (rule.threshold === undefined || outcome.confidence >= rule.threshold),
  );
  return fires ? [outcome.detected] : [];
}

export const languageSignal: SignalModule<LanguageRule> = {
  type: 'language',
  configKey: SIGNAL_INFO.language.configKey,
  prepare(rules) {
    if (rules.length === 0) return { evaluate: () => okOutput() };
    const threshold = languageThreshold(rules);
    return guardedPrepare('language', async () => {
      const scorer = await loadNgramScorer();
      return {
        evaluate({ views }): SignalOutput {
          const text = views.semanticText;
          const found = text.trim() === '' ? null : detectLanguage(scorer, text);
          const outcome = decide(found, threshold);
          const matched = emitted(rules, outcome);
          const details: Record<string, unknown> = {
            detected: outcome.detected,
            confidence: outcome.confidence,
            fallback: outcome.fallback,
          };
          if (!outcome.fallback && found) details['method'] = found.method;
          if (outcome.rejected) details['rejected'] = { ...outcome.rejected };
          return okOutput({ matched, details });
        },
      };
    });
  },
};
