import type { EventRule } from '../config/schema/signals';
import type { SignalModule, SignalOutput } from './signal-module';
import { SIGNAL_INFO, signalKey } from './signal-types';
import { containsCjk, hasUnicodeBoundary } from './text-units';

// event (reference §2.15): deterministic cues that a prompt reports an
// operational event — its type, a severity, an action code, a time. A rule
// matches when at least one of its configured criteria finds something;
// confidence = 0.5 + 0.5 × (criteria that hit ÷ criteria configured).
//
// Reading of the reference where it is silent:
// - every term is case-insensitive and must stand alone as a word (the
//   Unicode-aware boundary of keyword_set; terms with CJK are substrings);
// - in event types `_`, `-` and spaces are interchangeable (`disk_full`
//   finds "disk full"); other terms match literally, spaces as any whitespace;
// - `severities` lists the severity words to look for (critical, high,
//   medium, low or any other word); an empty list is not a criterion;
// - `temporal: true` (or an object without `enabled: false`) looks for dates,
//   clock times and relative day words; a list looks for those words only;
//   an object's `keywords`/`words`/`terms` list does the same.

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';

/** What `temporal: true` looks for: dates, clock times and relative day words (English and Chinese). */
const DEFAULT_TEMPORAL: readonly RegExp[] = [
  /\d{4}-\d{2}-\d{2}(?:[t ]\d{1,2}:\d{2}(?::\d{2})?)?/giu,
  /\d{1,2}\/\d{1,2}\/\d{2,4}/giu,
  /\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?/giu,
  /\d{1,2}\s*[ap]\.?m\b\.?/giu,
  /yesterday|today|tonight|tomorrow|overnight|last\s+night|earlier\s+today|this\s+(?:morning|afternoon|evening|week)/giu,
  /(?:last|next|past)\s+(?:week|weekend|month|year|hour|\d+\s+(?:minutes|hours|days))/giu,
  /(?:\d+|an?|a\s+few|several)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago/giu,
  new RegExp(`(?:${WEEKDAYS})`, 'giu'),
  new RegExp(`(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?`, 'giu'),
  /昨天|今天|明天|昨晚|今晚|今早|上周|下周|星期[一二三四五六日天]|\d+\s*(?:分钟|小时|天)前/gu,
];

function termRegex(term: string, flexibleSeparators: boolean): RegExp {
  const parts = term.trim().split(flexibleSeparators ? /[\s_-]+/ : /\s+/);
  const separator = flexibleSeparators ? '[\\s_-]+' : '\\s+';
  return new RegExp(parts.map(escapeRegex).join(separator), 'giu');
}

const termRegexes = (terms: readonly string[] | undefined, flexible = false): RegExp[] =>
  (terms ?? []).filter((t) => t.trim() !== '').map((t) => termRegex(t, flexible));

/** The temporal criterion's patterns, or null when the rule does not ask about time. */
function temporalRegexes(temporal: EventRule['temporal']): readonly RegExp[] | null {
  if (temporal === undefined || temporal === false) return null;
  if (temporal === true) return DEFAULT_TEMPORAL;
  if (Array.isArray(temporal)) return temporal.length > 0 ? termRegexes(temporal) : null;
  if (temporal['enabled'] === false) return null;
  for (const field of ['keywords', 'words', 'terms']) {
    const list = temporal[field];
    if (Array.isArray(list) && list.length > 0) {
      return termRegexes(list.filter((t): t is string => typeof t === 'string'));
    }
  }
  return DEFAULT_TEMPORAL;
}

/** Bounded matches of any of the patterns, as found in the text. */
function findTerms(patterns: readonly RegExp[], text: string): string[] {
  const found: string[] = [];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const end = match.index + match[0].length;
      if (
        match[0] !== '' &&
        (containsCjk(match[0]) || hasUnicodeBoundary(text, match.index, end))
      ) {
        found.push(match[0]);
        break;
      }
    }
  }
  return found;
}

interface PreparedEventRule {
  name: string;
  criteria: { name: string; patterns: readonly RegExp[] }[];
}

function prepareRule(rule: EventRule): PreparedEventRule {
  const candidates: [string, readonly RegExp[] | null][] = [
    ['event_types', rule.event_types?.length ? termRegexes(rule.event_types, true) : null],
    ['severities', rule.severities?.length ? termRegexes(rule.severities) : null],
    ['action_codes', rule.action_codes?.length ? termRegexes(rule.action_codes) : null],
    ['temporal', temporalRegexes(rule.temporal)],
  ];
  const criteria = candidates
    .filter((c): c is [string, readonly RegExp[]] => c[1] !== null && c[1].length > 0)
    .map(([name, patterns]) => ({ name, patterns }));
  return { name: rule.name, criteria };
}

export const eventSignal: SignalModule<EventRule> = {
  type: 'event',
  configKey: SIGNAL_INFO.event.configKey,
  prepare(rules) {
    const prepared = rules.map(prepareRule);
    return {
      evaluate({ views }): SignalOutput {
        const text = views.semanticText;
        const output: SignalOutput = { status: 'ok', matched: [], confidences: {}, values: {} };
        const hitsByRule: Record<string, Record<string, string[]>> = {};
        for (const rule of prepared) {
          const hits: Record<string, string[]> = {};
          for (const criterion of rule.criteria) {
            const found = findTerms(criterion.patterns, text);
            if (found.length > 0) hits[criterion.name] = found;
          }
          const hitCount = Object.keys(hits).length;
          if (hitCount === 0) continue;
          output.matched.push(rule.name);
          output.confidences[signalKey('event', rule.name)] =
            0.5 + (0.5 * hitCount) / rule.criteria.length;
          hitsByRule[rule.name] = hits;
        }
        output.details = { hits: hitsByRule };
        return output;
      },
    };
  },
};
