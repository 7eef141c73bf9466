import type { Signals } from '../config/schema/signals';

// The one table that names every signal family three ways: the decision
// leaf type, the `routing.signals` config key, and the key of the eval
// response's matched/used/unmatched maps (upstream mixes plural and singular).

export const SIGNAL_TYPES = [
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
  'complexity',
  'modality',
  'authz',
  'jailbreak',
  'pii',
  'kb',
  'conversation',
  'event',
  'metadata',
  'classifier',
] as const;

export type SignalType = (typeof SIGNAL_TYPES)[number];
export type SignalConfigKey = keyof Signals & string;

interface SignalTypeInfo {
  configKey: SignalConfigKey;
  /** Key in the eval response's `matched_signals` and friends. */
  evalKey: string;
  /** Needs an on-device model (or an embedding endpoint) to say anything. */
  needsModel: boolean;
  /** Upstream writes a confidence entry for its matches (else consumers read 1.0). */
  writesConfidence: boolean;
}

export const SIGNAL_INFO: Record<SignalType, SignalTypeInfo> = {
  keyword: {
    configKey: 'keywords',
    evalKey: 'keywords',
    needsModel: false,
    writesConfidence: false,
  },
  embedding: {
    configKey: 'embeddings',
    evalKey: 'embeddings',
    needsModel: true,
    writesConfidence: true,
  },
  domain: { configKey: 'domains', evalKey: 'domains', needsModel: true, writesConfidence: true },
  fact_check: {
    configKey: 'fact_check',
    evalKey: 'fact_check',
    needsModel: true,
    writesConfidence: false,
  },
  user_feedback: {
    configKey: 'user_feedbacks',
    evalKey: 'user_feedback',
    needsModel: true,
    writesConfidence: false,
  },
  reask: { configKey: 'reasks', evalKey: 'reask', needsModel: true, writesConfidence: true },
  preference: {
    configKey: 'preferences',
    evalKey: 'preferences',
    needsModel: true,
    writesConfidence: true,
  },
  language: {
    configKey: 'language',
    evalKey: 'language',
    needsModel: false,
    writesConfidence: false,
  },
  context: { configKey: 'context', evalKey: 'context', needsModel: false, writesConfidence: false },
  structure: {
    configKey: 'structure',
    evalKey: 'structure',
    needsModel: false,
    writesConfidence: true,
  },
  complexity: {
    configKey: 'complexity',
    evalKey: 'complexity',
    needsModel: true,
    writesConfidence: true,
  },
  modality: {
    configKey: 'modality',
    evalKey: 'modality',
    needsModel: true,
    writesConfidence: false,
  },
  authz: {
    configKey: 'role_bindings',
    evalKey: 'authz',
    needsModel: false,
    writesConfidence: false,
  },
  jailbreak: {
    configKey: 'jailbreak',
    evalKey: 'jailbreak',
    needsModel: true,
    writesConfidence: true,
  },
  pii: { configKey: 'pii', evalKey: 'pii', needsModel: true, writesConfidence: false },
  kb: { configKey: 'kb', evalKey: 'kb', needsModel: true, writesConfidence: true },
  conversation: {
    configKey: 'conversation',
    evalKey: 'conversation',
    needsModel: false,
    writesConfidence: true,
  },
  event: { configKey: 'events', evalKey: 'event', needsModel: false, writesConfidence: true },
  metadata: {
    configKey: 'metadata',
    evalKey: 'metadata',
    needsModel: false,
    writesConfidence: true,
  },
  classifier: {
    configKey: 'classifiers',
    evalKey: 'classifier',
    needsModel: true,
    writesConfidence: false,
  },
};

/** Decision leaf types: every signal type plus `projection` (mapping outputs). */
export type LeafType = SignalType | 'projection';

export function isSignalType(value: string): value is SignalType {
  return Object.hasOwn(SIGNAL_INFO, value);
}

/** The key upstream uses in its confidence and value maps: `type:name`. */
export function signalKey(type: string, name: string): string {
  return `${type}:${name}`;
}
