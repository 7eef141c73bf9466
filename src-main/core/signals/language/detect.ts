import { SAMPLING_MARKER } from '../text-views';
import { cjkScriptVerdict } from './cjk-rule';
import { verdictFromTotals } from './confidence';
import type { NgramScorer } from './eld-scores';
import { eldTotals } from './eld-scores';
import { toRuleCode } from './iso-codes';

// Language identification for the language signal: the CJK script rule
// first, then eld's n-gram scores turned into a confidence.

export interface DetectedLanguage {
  /** ISO 639-1 code, as rules name languages. */
  language: string;
  /** Probability-like, in [0, 1]. */
  confidence: number;
  /** `script`: decided by the CJK script rule; `ngram`: by eld's n-gram scores. */
  method: 'script' | 'ngram';
}

/**
 * The language of `text`, or null when nothing in it can be identified
 * (no letters, or none of eld's n-grams matched).
 */
export function detectLanguage(scorer: NgramScorer, text: string): DetectedLanguage | null {
  // The sampler's English marker is ours, not the user's: it must not vote.
  const own = text.split(SAMPLING_MARKER).join('\n');
  const script = cjkScriptVerdict(own);
  if (script) return { ...script, method: 'script' };
  const verdict = verdictFromTotals(eldTotals(scorer, own));
  if (!verdict) return null;
  return {
    language: toRuleCode(verdict.language),
    confidence: verdict.confidence,
    method: 'ngram',
  };
}

let loading: Promise<NgramScorer> | undefined;

/**
 * eld's "small" database (≈45 MB of heap, ≈0.3 s to load), loaded once per
 * process and only when a config declares language rules. "small" matched
 * "large" on our labelled set at a third of the memory.
 */
export function loadNgramScorer(): Promise<NgramScorer> {
  if (!loading) {
    loading = import('eld/small').then(({ eld }) => eld);
    loading.catch(() => {
      loading = undefined; // the next config tries again
    });
  }
  return loading;
}
