import type { DiagnosticSink, KeyPath } from '../diagnostics';
import type { RuleNode } from '../schema/common';
import type { Signals } from '../schema/signals';
import { suggest } from './models';
import type { RawProfile } from './profiles';

const KEYWORD_OPERATORS = new Set(['AND', 'OR', 'NOR']);
const KEYWORD_METHODS = new Set(['regex', 'bm25', 'ngram']);
const STRUCTURE_SOURCES = new Set(['regex', 'keyword_set', 'sequence', 'text_bytes']);
const STRUCTURE_FEATURES = new Set(['exists', 'count', 'density', 'sequence']);
const AGGREGATIONS = new Set(['max', 'mean', 'any']);
const JAILBREAK_METHODS = new Set(['classifier', 'contrastive']);
const KB_TARGET_KINDS = new Set(['label', 'group']);
const KB_MATCH = new Set(['best', 'threshold']);
const CONVERSATION_FEATURES = new Set(['exists', 'count']);
const CONVERSATION_SOURCES = new Set([
  'message',
  'tool_definition',
  'assistant_tool_call',
  'assistant_tool_cycle',
  'active_tool_loop',
  'image_content',
]);
/** Signal types a complexity composer may reference (reference §2.11). */
const COMPOSER_TYPES = new Set([
  'keyword',
  'embedding',
  'domain',
  'fact_check',
  'user_feedback',
  'reask',
  'preference',
  'language',
  'context',
  'structure',
  'modality',
  'kb',
  'conversation',
]);

/** Rule-level checks of every signal family of one profile. */
export function validateSignals(profile: RawProfile, sink: DiagnosticSink): void {
  const signals: Signals = profile.routing.signals ?? {};
  const base: KeyPath = [...profile.path, 'signals'];

  for (const [key, rules] of Object.entries(signals)) {
    if (!Array.isArray(rules)) continue;
    const seen = new Set<string>();
    rules.forEach((rule: { name?: unknown }, index) => {
      const name = String(rule.name ?? '');
      if (name.trim() === '')
        sink.error('missing_name', [...base, key, index, 'name'], 'every signal rule needs a name');
      else if (seen.has(name))
        sink.error(
          'duplicate_name',
          [...base, key, index, 'name'],
          `${key} rule "${name}" is declared twice`,
        );
      seen.add(name);
    });
  }

  signals.keywords?.forEach((rule, i) => {
    const path = [...base, 'keywords', i];
    if (rule.operator === undefined || !KEYWORD_OPERATORS.has(rule.operator)) {
      const got = rule.operator === undefined ? 'missing' : `"${rule.operator}"`;
      sink.error(
        'invalid_operator',
        [...path, 'operator'],
        `keyword operator must be exactly AND, OR or NOR (uppercase); it is ${got}`,
      );
    }
    if (rule.method !== undefined && rule.method !== '' && !KEYWORD_METHODS.has(rule.method)) {
      sink.error(
        'invalid_value',
        [...path, 'method'],
        `keyword method must be regex, bm25 or ngram (or omitted for literal keywords)`,
      );
    }
    if (rule.keywords.length === 0)
      sink.error('empty_list', [...path, 'keywords'], 'a keyword rule needs at least one keyword');
  });

  signals.structure?.forEach((rule, i) => {
    const path = [...base, 'structure', i, 'feature'];
    const { feature } = rule;
    if (!STRUCTURE_FEATURES.has(feature.type))
      sink.error(
        'invalid_value',
        [...path, 'type'],
        `structure feature type must be one of ${list(STRUCTURE_FEATURES)}`,
      );
    if (!STRUCTURE_SOURCES.has(feature.source.type)) {
      sink.error(
        'invalid_value',
        [...path, 'source', 'type'],
        `structure source type must be one of ${list(STRUCTURE_SOURCES)}`,
      );
    } else if (feature.source.type === 'regex' && !feature.source.pattern) {
      sink.error('missing_value', [...path, 'source', 'pattern'], 'a regex source needs a pattern');
    } else if (feature.source.type === 'keyword_set' && !(feature.source.keywords?.length ?? 0)) {
      sink.error(
        'missing_value',
        [...path, 'source', 'keywords'],
        'a keyword_set source needs keywords',
      );
    } else if (feature.source.type === 'sequence' && !(feature.source.sequences?.length ?? 0)) {
      sink.error(
        'missing_value',
        [...path, 'source', 'sequences'],
        'a sequence source needs sequences',
      );
    }
  });

  signals.embeddings?.forEach((rule, i) => {
    if (rule.aggregation_method !== undefined && !AGGREGATIONS.has(rule.aggregation_method)) {
      sink.error(
        'invalid_value',
        [...base, 'embeddings', i, 'aggregation_method'],
        `aggregation_method must be one of ${list(AGGREGATIONS)}`,
      );
    }
    if (rule.candidates.length === 0)
      sink.error(
        'empty_list',
        [...base, 'embeddings', i, 'candidates'],
        'an embedding rule needs candidates',
      );
  });

  signals.jailbreak?.forEach((rule, i) => {
    if (rule.method !== undefined && !JAILBREAK_METHODS.has(rule.method)) {
      sink.error(
        'invalid_value',
        [...base, 'jailbreak', i, 'method'],
        `jailbreak method must be classifier or contrastive`,
      );
    }
  });

  signals.kb?.forEach((rule, i) => {
    if (!KB_TARGET_KINDS.has(rule.target.kind))
      sink.error(
        'invalid_value',
        [...base, 'kb', i, 'target', 'kind'],
        'kb target kind must be label or group',
      );
    if (rule.match !== undefined && !KB_MATCH.has(rule.match))
      sink.error(
        'invalid_value',
        [...base, 'kb', i, 'match'],
        'kb match must be best or threshold',
      );
  });

  signals.conversation?.forEach((rule, i) => {
    const path = [...base, 'conversation', i, 'feature'];
    if (!CONVERSATION_FEATURES.has(rule.feature.type))
      sink.error(
        'invalid_value',
        [...path, 'type'],
        `conversation feature type must be one of ${list(CONVERSATION_FEATURES)}`,
      );
    if (!CONVERSATION_SOURCES.has(rule.feature.source.type))
      sink.error(
        'invalid_value',
        [...path, 'source', 'type'],
        `conversation source type must be one of ${list(CONVERSATION_SOURCES)}`,
      );
  });

  signals.complexity?.forEach((rule, i) => {
    if (rule.threshold !== undefined && rule.threshold < 0)
      sink.error(
        'invalid_value',
        [...base, 'complexity', i, 'threshold'],
        'a complexity threshold cannot be negative',
      );
    if (rule.composer)
      checkComposer(rule.composer, [...base, 'complexity', i, 'composer'], signals, sink);
  });
}

function checkComposer(
  node: RuleNode,
  path: KeyPath,
  signals: Signals,
  sink: DiagnosticSink,
): void {
  if (node.type) {
    const type = node.type.toLowerCase();
    if (!COMPOSER_TYPES.has(type)) {
      sink.error(
        'invalid_leaf_type',
        [...path, 'type'],
        `a complexity composer cannot reference "${node.type}" signals (allowed: ${list(COMPOSER_TYPES)})`,
      );
    }
    return;
  }
  (node.conditions ?? []).forEach((child, index) =>
    checkComposer(child, [...path, 'conditions', index], signals, sink),
  );
}

function list(values: Set<string>): string {
  return [...values].join(', ');
}

export { suggest };
