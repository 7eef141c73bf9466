import type { Predicate } from '../config/schema/common';
import type { StructureRule } from '../config/schema/signals';
import { compileGoRegex } from './go-regex';
import type { SignalModule, SignalOutput } from './signal-module';
import { SIGNAL_INFO, signalKey } from './signal-types';
import { countBoundedOccurrences, multilingualUnitCount, utf8ByteLength } from './text-units';
import type { TextViews } from './text-views';

// structure (reference §2.9, §9 item 17): numeric features of the prompt's
// shape — regex and keyword counts, ordered markers, byte size, densities —
// tested against a predicate. Every rule writes a value and a confidence,
// matched or not, because projections read raw values.

/** The numeric bounds every given one of which must hold; without a predicate, value > 0. */
export function predicateHolds(value: number, predicate: Predicate | undefined): boolean {
  if (predicate === undefined) return value > 0;
  if (predicate.gt !== undefined && !(value > predicate.gt)) return false;
  if (predicate.gte !== undefined && !(value >= predicate.gte)) return false;
  if (predicate.lt !== undefined && !(value < predicate.lt)) return false;
  if (predicate.lte !== undefined && !(value <= predicate.lte)) return false;
  return true;
}

/**
 * Without a predicate 1/0; with one, a sigmoid of the distance to the first
 * bound present (gt, gte, lt, lte), at least 0.5 when matched, 0 otherwise.
 * An empty predicate `{}` holds for every value at distance 1, as upstream.
 */
export function predicateConfidence(value: number, predicate: Predicate | undefined): number {
  if (predicate === undefined) return value > 0 ? 1 : 0;
  if (!predicateHolds(value, predicate)) return 0;
  const bound = predicate.gt ?? predicate.gte ?? predicate.lt ?? predicate.lte;
  const distance = bound === undefined ? 1 : Math.abs(value - bound);
  return Math.max(0.5, 1 / (1 + Math.exp(-4 * distance)));
}

/** Counts of the rule's source in the prompt; `text` is `views.signalText`. */
type SourceCounter = (text: string, views: TextViews) => number;

interface PreparedStructureRule {
  name: string;
  predicate: Predicate | undefined;
  value: (text: string, views: TextViews) => number;
}

interface InvalidStructureRule {
  name: string;
  invalid: string;
}

const normalise = (value: string | undefined): string => (value ?? '').trim().toLowerCase();

/** True when any sequence's markers occur in order as plain substrings (no boundaries). */
function sequenceMatcher(sequences: string[][], caseSensitive: boolean): (text: string) => boolean {
  const prepared = sequences
    .filter((markers) => markers.length > 0)
    .map((markers) => markers.map((m) => (caseSensitive ? m : m.toLowerCase())));
  return (text) => {
    const candidate = caseSensitive ? text : text.toLowerCase();
    return prepared.some((markers) => {
      let from = 0;
      for (const marker of markers) {
        const index = candidate.indexOf(marker, from);
        if (index === -1) return false;
        from = index + marker.length;
      }
      return true;
    });
  };
}

/** Non-overlapping matches; like RE2, an empty match right after the previous match is not counted. */
function countRegexMatches(regex: RegExp, text: string): number {
  let count = 0;
  let previousEnd = -1;
  for (const match of text.matchAll(regex)) {
    if (match[0] === '' && match.index === previousEnd) continue;
    count += 1;
    previousEnd = match.index + match[0].length;
  }
  return count;
}

function sourceCounter(
  source: StructureRule['feature']['source'],
  sequence: (text: string) => boolean,
): SourceCounter {
  const caseSensitive = source.case_sensitive === true;
  switch (normalise(source.type)) {
    case 'regex': {
      if (!source.pattern) throw new Error('regex source has no pattern');
      // Case-insensitive unless case_sensitive; a leading `(?i)`/`(?-i)` still decides.
      const regex = compileGoRegex(source.pattern, !caseSensitive, { global: true });
      return (text) => countRegexMatches(regex, text);
    }
    case 'keyword_set': {
      // Duplicates after case folding (`json`, `JSON`) each count, as upstream.
      const keywords = (source.keywords ?? []).map((k) => (caseSensitive ? k : k.toLowerCase()));
      return (text) => {
        const candidate = caseSensitive ? text : text.toLowerCase();
        return keywords.reduce((sum, k) => sum + countBoundedOccurrences(candidate, k), 0);
      };
    }
    case 'sequence':
      return (text) => (sequence(text) ? 1 : 0);
    case 'text_bytes':
      // The current user text, not the non-user fallback: a size of what the user wrote.
      return (_text, views) => utf8ByteLength(views.currentUserText);
    default:
      throw new Error(`unknown source type "${source.type}"`);
  }
}

function prepareRule(rule: StructureRule): PreparedStructureRule | InvalidStructureRule {
  try {
    const { source } = rule.feature;
    const sequence = sequenceMatcher(source.sequences ?? [], source.case_sensitive === true);
    const count = sourceCounter(source, sequence);
    const base = { name: rule.name, predicate: rule.predicate };
    switch (normalise(rule.feature.type)) {
      case 'exists':
        return { ...base, value: (text, views) => (count(text, views) > 0 ? 1 : 0) };
      case 'count':
        return { ...base, value: count };
      case 'density':
        return {
          ...base,
          value: (text, views) => {
            const units = multilingualUnitCount(text);
            return units > 0 ? count(text, views) / units : 0;
          },
        };
      case 'sequence':
        // The feature reads the source's `sequences` whatever the source type.
        return { ...base, value: (text) => (sequence(text) ? 1 : 0) };
      default:
        throw new Error(`unknown feature type "${rule.feature.type}"`);
    }
  } catch (error) {
    return { name: rule.name, invalid: error instanceof Error ? error.message : String(error) };
  }
}

export const structureSignal: SignalModule<StructureRule> = {
  type: 'structure',
  configKey: SIGNAL_INFO.structure.configKey,
  prepare(rules) {
    const prepared = rules.map(prepareRule);
    const invalidRules: Record<string, string> = {};
    for (const rule of prepared) if ('invalid' in rule) invalidRules[rule.name] = rule.invalid;
    return {
      evaluate({ views }): SignalOutput {
        const text = views.signalText;
        // A blank prompt has no structure: no rule matches, not even `lt` predicates.
        const blank = text.trim() === '' && views.currentUserText.trim() === '';
        const output: SignalOutput = { status: 'ok', matched: [], confidences: {}, values: {} };
        for (const rule of prepared) {
          const key = signalKey('structure', rule.name);
          if ('invalid' in rule || blank) {
            output.values[key] = 0;
            output.confidences[key] = 0;
            continue;
          }
          const value = rule.value(text, views);
          output.values[key] = value;
          output.confidences[key] = predicateConfidence(value, rule.predicate);
          if (predicateHolds(value, rule.predicate)) output.matched.push(rule.name);
        }
        if (Object.keys(invalidRules).length > 0) output.details = { invalidRules };
        return output;
      },
    };
  },
};
