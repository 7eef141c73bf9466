import { sameScriptLanguages } from './iso-codes';

// From evidence totals to one language and a probability-like confidence.
//
// A softmax over raw totals, p(L) ∝ exp(S_L / T), across the candidates:
// every language eld scored, plus the winner's script-mates that scored
// nothing (S = 0: possible, but without evidence), plus one "too little to
// tell" hypothesis with the fixed score S0. Texts with a few strong n-grams
// leave S0 far behind; a lone word like "hi" or "ok" does not, so it lands
// below the 0.3 threshold and falls back to English, as upstream's
// short-prompt behaviour does (reference §9 item 15). On our labelled set,
// every sentence of 3+ words in en/zh/es/fr/de/ja/ko/ru/ar/pt scores ≥ 0.8
// and every 2–5 word phrase the detector gets right scores ≥ 0.35.

/** Temperature: a lead of ~50 raw points (one strong n-gram) makes a language e times likelier. */
export const SOFTMAX_TEMPERATURE = 50;
/** Score of the "too little to tell" hypothesis: about two strong n-grams. */
export const NO_EVIDENCE_SCORE = 200;

export interface NgramVerdict {
  /** eld's code for the winner. */
  language: string;
  confidence: number;
}

export function verdictFromTotals(totals: ReadonlyMap<string, number>): NgramVerdict | null {
  let language: string | undefined;
  let best = 0;
  for (const [code, total] of totals) {
    if (total > best) {
      best = total;
      language = code;
    }
  }
  if (language === undefined) return null;
  const candidates = new Set([...totals.keys(), ...sameScriptLanguages(language)]);
  let partition = Math.exp((NO_EVIDENCE_SCORE - best) / SOFTMAX_TEMPERATURE);
  for (const code of candidates) {
    partition += Math.exp(((totals.get(code) ?? 0) - best) / SOFTMAX_TEMPERATURE);
  }
  return { language, confidence: 1 / partition };
}
