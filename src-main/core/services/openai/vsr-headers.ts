import type { Lane } from '../../lanes/lane-registry';
import type { RoutingTrace } from '../../router/trace';

// The response headers of a routed answer: upstream's `x-vsr-*` contract
// (schema 2) and Homelane's own `x-homelane-*` (where it went and whether
// it was private). Debug headers only when the request asked for them.

/** Leaf type → the suffix of its `x-vsr-matched-*` debug header (upstream's names). */
const MATCHED_HEADER: Record<string, string> = {
  keyword: 'keywords',
  embedding: 'embeddings',
  domain: 'domains',
  fact_check: 'fact-check',
  user_feedback: 'user-feedback',
  reask: 'reask',
  preference: 'preference',
  language: 'language',
  context: 'context',
  structure: 'structure',
  complexity: 'complexity',
  modality: 'modality',
  authz: 'authz',
  jailbreak: 'jailbreak',
  pii: 'pii',
  kb: 'kb',
  conversation: 'conversation',
  event: 'event',
  projection: 'projections',
};

export interface AnswerFacts {
  trace: RoutingTrace;
  recordId: string | null;
  /** The alias and lane that answered (after any fallback); null when none did. */
  alias: string | null;
  lane: Lane | null;
  debug: boolean;
}

/** Header values must be visible ASCII: anything else becomes `?`. */
const ascii = (value: string) => value.replace(/[^\x20-\x7e]/g, '?');

export function vsrHeaders(facts: AnswerFacts, path: 'upstream' | 'error'): Record<string, string> {
  const { trace } = facts;
  const headers: Record<string, string> = {
    'x-vsr-schema-version': '2',
    'x-vsr-response-path': path,
    'x-homelane-private': trace.private ? 'true' : 'false',
  };
  if (facts.lane) {
    headers['x-homelane-lane'] = ascii(facts.lane.id);
    headers['x-homelane-locality'] = facts.lane.locality;
  }
  if (path === 'upstream') {
    if (trace.recipe !== null) headers['x-vsr-selected-recipe'] = ascii(trace.recipe);
    if (trace.decision !== null) {
      headers['x-vsr-selected-decision'] = ascii(trace.decision);
      if (trace.decision_confidence !== null)
        headers['x-vsr-selected-confidence'] = trace.decision_confidence.toFixed(4);
      headers['x-vsr-selected-algorithm'] = ascii(trace.selection.method);
    }
    const alias = facts.alias ?? trace.model;
    if (alias !== null) headers['x-vsr-selected-model'] = ascii(alias);
    if (facts.recordId !== null) headers['x-vsr-replay-id'] = facts.recordId;
  }
  if (facts.debug) {
    headers['x-vsr-selected-reasoning'] = trace.reasoning.enabled ? 'on' : 'off';
    for (const [type, names] of Object.entries(trace.matched_signals)) {
      const suffix = MATCHED_HEADER[type];
      if (suffix && names.length > 0) headers[`x-vsr-matched-${suffix}`] = ascii(names.join(','));
    }
    if (trace.token_count !== null)
      headers['x-vsr-context-token-count'] = String(trace.token_count);
    if (trace.privacy_reasons.length > 0) {
      headers['x-homelane-privacy-reasons'] = ascii(
        trace.privacy_reasons.map((reason) => reason.kind).join(','),
      );
    }
  }
  return headers;
}

/** `x-vsr-debug: true`, any case. */
export function wantsDebug(value: string | string[] | undefined): boolean {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim().toLowerCase() === 'true';
}
