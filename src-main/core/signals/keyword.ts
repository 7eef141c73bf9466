import type { KeywordRule } from '../config/schema/signals';
import { compileGoRegex } from './go-regex';
import { Bm25Index, DEFAULT_BM25_THRESHOLD } from './keyword/bm25';
import {
  codePoints,
  DEFAULT_FUZZY_THRESHOLD,
  fuzzyHit,
  fuzzyWords,
  goLower,
} from './keyword/fuzzy';
import { LiteralIndex, type LiteralKeyword } from './keyword/literal-index';
import {
  DEFAULT_NGRAM_ARITY,
  DEFAULT_NGRAM_THRESHOLD,
  NgramCorpus,
  ngramWords,
} from './keyword/ngram';
import type { SignalModule, SignalOutput } from './signal-module';
import { SIGNAL_INFO } from './signal-types';

// keyword (reference §2.1, §9 items 5–6): deterministic keyword rules over
// the full signal text. Every rule is evaluated and emitted in declaration
// order; no confidence is written (consumers read 1.0). The keywords that
// made each rule match go to `details.keywords`.
//
// Literal keywords of all rules share one automaton scan per request
// (keyword/literal-index.ts); `method: regex` keywords are RE2 patterns
// translated to JS; bm25 and ngram score keywords against the text.

type Operator = 'AND' | 'OR' | 'NOR';

class RequestState {
  private fuzzyWords: number[][] | undefined;

  constructor(
    readonly text: string,
    /** Literal hits per slot of the shared index (valid during this evaluation). */
    readonly literalHits: Uint8Array,
  ) {}

  /** Lower-cased words of the text for fuzzy matching, computed on first use. */
  words(): number[][] {
    return (this.fuzzyWords ??= fuzzyWords(this.text));
  }
}

interface PreparedRule {
  name: string;
  /** The keywords that made the rule match (empty for NOR), or null when it does not. */
  evaluate(state: RequestState): string[] | null;
}

/** Go configs read a zero number as "unset". */
function orDefault(value: number | undefined, fallback: number): number {
  return value === undefined || value === 0 || !Number.isFinite(value) ? fallback : value;
}

function neverMatches(name: string): PreparedRule {
  return { name, evaluate: () => null };
}

/** Upstream's regex engine path (literal or `method: regex`) per keyword: exact, fuzzy or no hit. */
type KeywordHit = (state: RequestState, index: number) => 'exact' | 'fuzzy' | null;

function combineKeywordHits(
  operator: Operator,
  keywords: readonly string[],
  hitAt: KeywordHit,
  state: RequestState,
): string[] | null {
  if (operator === 'NOR') {
    for (let i = 0; i < keywords.length; i++) if (hitAt(state, i) !== null) return null;
    return [];
  }
  const matched: string[] = [];
  for (let i = 0; i < keywords.length; i++) {
    const hit = hitAt(state, i);
    if (hit === null) {
      if (operator === 'AND') return null;
      continue;
    }
    const keyword = keywords[i] ?? '';
    const text = hit === 'fuzzy' ? `${keyword} (fuzzy)` : keyword;
    // OR reports each keyword string once; AND lists every keyword.
    if (operator === 'AND' || !matched.includes(text)) matched.push(text);
  }
  return operator === 'OR' && matched.length === 0 ? null : matched;
}

/** bm25 and ngram: the scored hits decide by count, reported in score order. */
function combineScoredHits(operator: Operator, total: number, hits: string[]): string[] | null {
  if (operator === 'NOR') return hits.length === 0 ? [] : null;
  if (operator === 'AND') return hits.length === total ? hits : null;
  return hits.length > 0 ? hits : null;
}

function fuzzyChecker(rule: KeywordRule): ((state: RequestState, index: number) => boolean) | null {
  if (rule.fuzzy_match !== true) return null;
  const threshold = orDefault(rule.fuzzy_threshold, DEFAULT_FUZZY_THRESHOLD);
  const lowered = rule.keywords.map((keyword) => codePoints(goLower(keyword)));
  return (state, index) => fuzzyHit(lowered[index] ?? [], state.words(), threshold);
}

function prepareLiteral(
  rule: KeywordRule,
  operator: Operator,
  slots: LiteralKeyword[],
): PreparedRule {
  const first = slots.length;
  for (const keyword of rule.keywords) {
    slots.push({ keyword, caseSensitive: rule.case_sensitive === true });
  }
  const fuzzy = fuzzyChecker(rule);
  const hitAt: KeywordHit = (state, i) => {
    if (state.literalHits[first + i] === 1) return 'exact';
    return fuzzy?.(state, i) ? 'fuzzy' : null;
  };
  return {
    name: rule.name,
    evaluate: (state) => combineKeywordHits(operator, rule.keywords, hitAt, state),
  };
}

function prepareRegex(rule: KeywordRule, operator: Operator): PreparedRule {
  const regexes = rule.keywords.map((keyword) => {
    try {
      return compileGoRegex(keyword, rule.case_sensitive !== true);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `keyword rule "${rule.name}": keyword ${JSON.stringify(keyword)} is not a usable regular expression: ${reason}`,
        { cause: error },
      );
    }
  });
  const fuzzy = fuzzyChecker(rule);
  const hitAt: KeywordHit = (state, i) => {
    if (regexes[i]?.test(state.text)) return 'exact';
    return fuzzy?.(state, i) ? 'fuzzy' : null;
  };
  return {
    name: rule.name,
    evaluate: (state) => combineKeywordHits(operator, rule.keywords, hitAt, state),
  };
}

function prepareBm25(rule: KeywordRule, operator: Operator): PreparedRule {
  const index = new Bm25Index(rule.keywords);
  const threshold = Math.fround(orDefault(rule.bm25_threshold, DEFAULT_BM25_THRESHOLD));
  return {
    name: rule.name,
    evaluate: ({ text }) => {
      const hits = index
        .search(text)
        .filter((hit) => hit.score >= threshold)
        .map((hit) => rule.keywords[hit.index] ?? '');
      return combineScoredHits(operator, rule.keywords.length, hits);
    },
  };
}

function prepareNgram(rule: KeywordRule, operator: Operator): PreparedRule {
  const caseSensitive = rule.case_sensitive === true;
  const normalize = (text: string): string => (caseSensitive ? text : text.toLowerCase());
  const normalized = rule.keywords.map(normalize);
  const arity = Math.max(2, Math.floor(orDefault(rule.ngram_arity, DEFAULT_NGRAM_ARITY)));
  const threshold = orDefault(rule.ngram_threshold, DEFAULT_NGRAM_THRESHOLD);
  const corpus = new NgramCorpus(normalized, arity);
  return {
    name: rule.name,
    evaluate: ({ text }) => {
      const input = normalize(text);
      const found = new Set<number>();
      const hits: string[] = [];
      const collect = (query: string): void => {
        for (const hit of corpus.search(query, threshold)) {
          normalized.forEach((keyword, i) => {
            if (keyword !== hit.text || found.has(i)) return;
            found.add(i);
            hits.push(rule.keywords[i] ?? '');
          });
        }
      };
      // Each word of the text, then the whole text for multi-word keywords.
      for (const word of ngramWords(input)) collect(word);
      if (found.size < rule.keywords.length) collect(input);
      return combineScoredHits(operator, rule.keywords.length, hits);
    },
  };
}

function isOperator(value: string | undefined): value is Operator {
  return value === 'AND' || value === 'OR' || value === 'NOR';
}

export const keywordSignal: SignalModule<KeywordRule> = {
  type: 'keyword',
  configKey: SIGNAL_INFO.keyword.configKey,
  prepare(rules) {
    const slots: LiteralKeyword[] = [];
    const invalidRules: Record<string, string> = {};
    const prepared = rules.map((rule): PreparedRule => {
      const operator = rule.operator;
      if (!isOperator(operator)) {
        invalidRules[rule.name] = `unsupported operator ${JSON.stringify(operator ?? '')}`;
        return neverMatches(rule.name);
      }
      const method = (rule.method ?? '').toLowerCase();
      switch (method) {
        case '':
          return prepareLiteral(rule, operator, slots);
        case 'regex':
          return prepareRegex(rule, operator);
        case 'bm25':
          return prepareBm25(rule, operator);
        case 'ngram':
          return prepareNgram(rule, operator);
        default:
          invalidRules[rule.name] = `unsupported method ${JSON.stringify(rule.method)}`;
          return neverMatches(rule.name);
      }
    });
    const literals = new LiteralIndex(slots);

    return {
      evaluate({ views }): SignalOutput {
        const text = views.signalText;
        const state = new RequestState(text, literals.match(text));
        const matched: string[] = [];
        const keywords: Record<string, string[]> = {};
        for (const rule of prepared) {
          const hits = rule.evaluate(state);
          if (hits === null) continue;
          matched.push(rule.name);
          keywords[rule.name] = hits;
        }
        const details: Record<string, unknown> = { keywords };
        if (Object.keys(invalidRules).length > 0) details['invalidRules'] = invalidRules;
        return { status: 'ok', matched, confidences: {}, values: {}, details };
      },
    };
  },
};
