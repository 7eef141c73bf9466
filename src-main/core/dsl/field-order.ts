import type { SignalType } from '../signals/signal-types';

// The DSL's field tables: which fields each block or inline object holds, in
// the order the canonical printout writes them (upstream DSL §4, §7). Plain
// data so the decompiler prints from them and the compiler and the editor's
// completion read the same lists. A field not listed here is not part of the
// DSL: typed blocks drop it, free-form payloads keep it after the listed ones
// with the remaining keys sorted.

/** The order in which SIGNAL blocks are printed, by type (upstream DSL §7). */
export const SIGNAL_PRINT_ORDER: readonly SignalType[] = [
  'domain',
  'keyword',
  'embedding',
  'fact_check',
  'user_feedback',
  'reask',
  'preference',
  'language',
  'context',
  'structure',
  'conversation',
  'complexity',
  'modality',
  'authz',
  'jailbreak',
  'pii',
  'kb',
  'event',
  'metadata',
  'classifier',
];

/**
 * Fields of `SIGNAL <type> <name> { … }`, in print order. Upstream's fields
 * come first; fields that only Homelane's schema names (a `description` on
 * keyword/embedding/kb/event, modality's detector settings, pii's `method`)
 * follow them so a round trip keeps them.
 */
export const SIGNAL_FIELDS: Readonly<Record<SignalType, readonly string[]>> = {
  domain: ['description', 'mmlu_categories', 'model_scores'],
  keyword: [
    'operator',
    'keywords',
    'case_sensitive',
    'method',
    'fuzzy_match',
    'fuzzy_threshold',
    'bm25_threshold',
    'ngram_threshold',
    'ngram_arity',
    'description',
  ],
  embedding: ['threshold', 'candidates', 'aggregation_method', 'query_modality', 'description'],
  fact_check: ['description'],
  user_feedback: ['description'],
  reask: ['description', 'threshold', 'lookback_turns'],
  preference: ['description', 'examples', 'threshold'],
  language: ['description', 'threshold'],
  context: ['description', 'min_tokens', 'max_tokens'],
  structure: ['description', 'feature', 'predicate'],
  conversation: ['description', 'feature', 'predicate'],
  complexity: ['threshold', 'description', 'composer', 'hard', 'easy'],
  modality: ['description', 'method', 'keywords', 'threshold'],
  authz: ['role', 'description', 'subjects'],
  jailbreak: [
    'method',
    'threshold',
    'include_history',
    'description',
    'jailbreak_patterns',
    'benign_patterns',
  ],
  pii: ['threshold', 'pii_types_allowed', 'include_history', 'description', 'method'],
  kb: ['kb', 'target', 'match', 'description'],
  event: ['event_types', 'severities', 'action_codes', 'temporal', 'description'],
  metadata: ['description', 'key', 'equals', 'in', 'exists'],
  classifier: ['description', 'type', 'model', 'model_path', 'labels', 'instructions', 'use_cpu'],
};

/** Signal types whose payload is free-form: unlisted keys are kept (sorted, after the listed ones). */
export const FREE_FORM_SIGNAL_TYPES: readonly SignalType[] = [
  'structure',
  'conversation',
  'metadata',
  'classifier',
];

/** Signal fields always written as strings, whatever the YAML held (`"8K"`, `"999"`). */
export const STRING_SIGNAL_FIELDS: Readonly<Partial<Record<SignalType, readonly string[]>>> = {
  context: ['min_tokens', 'max_tokens'],
};

/**
 * Inline objects inside signal fields that have a fixed key order (signal
 * type → field → keys). Objects not listed here (structure `feature`, any
 * `predicate`, complexity `hard`/`easy`, domain `model_scores`) print with
 * sorted keys. Complexity `composer` is a rule tree: see RULE_LEAF_FIELDS.
 */
export const SIGNAL_OBJECT_FIELDS: Readonly<
  Partial<Record<SignalType, Readonly<Record<string, readonly string[]>>>>
> = {
  kb: { target: ['kind', 'value'] },
  authz: { subjects: ['kind', 'name'] },
};

/** A rule-tree leaf, as written in a complexity `composer` object. */
export const RULE_LEAF_FIELDS: readonly string[] = [
  'type',
  'name',
  'label',
  'predicate',
  'on_error',
];
/** A rule-tree composite, as written in a complexity `composer` object. */
export const RULE_COMPOSITE_FIELDS: readonly string[] = ['operator', 'conditions'];
/** Extra fields a WHEN leaf may carry after its name: `domain("math", label: "x")`. */
export const WHEN_LEAF_FIELDS: readonly string[] = ['label', 'predicate', 'on_error'];

/** `PROJECTION <kind> <name> { … }` fields per kind. */
export const PROJECTION_FIELDS = {
  partition: ['semantics', 'temperature', 'members', 'default'],
  score: ['method', 'inputs'],
  mapping: ['source', 'method', 'calibration', 'outputs'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type ProjectionKind = keyof typeof PROJECTION_FIELDS;

/** One input of a score projection. */
export const SCORE_INPUT_FIELDS: readonly string[] = [
  'type',
  'weight',
  'name',
  'kb',
  'metric',
  'value_source',
  'match',
  'miss',
];
/** A mapping's calibration object. */
export const MAPPING_CALIBRATION_FIELDS: readonly string[] = ['method', 'slope'];
/** One output band of a mapping. */
export const MAPPING_OUTPUT_FIELDS: readonly string[] = ['name', 'gt', 'gte', 'lt', 'lte'];

/** `MODEL <name> { … }` fields (a modelCard without its name). */
export const MODEL_CARD_FIELDS: readonly string[] = [
  'param_size',
  'context_window_size',
  'description',
  'capabilities',
  'loras',
  'tags',
  'quality_score',
  'modality',
];
/** Model card fields always written as strings. */
export const STRING_MODEL_FIELDS: readonly string[] = ['param_size'];
/** A LoRA adapter written as an object in a model card's `loras`. */
export const LORA_FIELDS: readonly string[] = ['name', 'description'];

/**
 * Options of a model reference in a ROUTE's MODEL list, in print order:
 * `"m" (reasoning = true, effort = "high", lora = "x", weight = 2, param_size = "7b")`.
 * `field` is the modelRef key; `param_size` comes from the model card.
 */
export const MODEL_REF_OPTIONS: readonly { option: string; field: string }[] = [
  { option: 'reasoning', field: 'use_reasoning' },
  { option: 'effort', field: 'reasoning_effort' },
  { option: 'lora', field: 'lora_name' },
  { option: 'weight', field: 'weight' },
  { option: 'param_size', field: 'param_size' },
];

/**
 * Fields of each inline plugin type, in print order. Keys a type does not
 * list print after these, sorted; types with an empty list are free-form
 * (every key sorted).
 */
export const PLUGIN_FIELDS: Readonly<Record<string, readonly string[]>> = {
  fast_response: ['message'],
  hallucination: [
    'enabled',
    'use_nli',
    'hallucination_action',
    'unverified_factual_action',
    'include_hallucination_details',
  ],
  header_mutation: ['add', 'update', 'delete'],
  image_gen: ['enabled', 'backend'],
  memory: ['enabled', 'retrieval_limit', 'similarity_threshold', 'auto_store'],
  rag: [
    'enabled',
    'backend',
    'similarity_threshold',
    'top_k',
    'max_context_length',
    'injection_mode',
    'rerank',
    'backend_config',
    'on_failure',
    'cache_results',
    'cache_ttl_seconds',
    'min_confidence_threshold',
  ],
  request_params: [
    'blocked_params',
    'default_max_tokens',
    'max_tokens_limit',
    'max_n',
    'strip_unknown',
  ],
  context_compression: [],
  response_jailbreak: ['enabled', 'threshold', 'action'],
  router_replay: [
    'enabled',
    'max_records',
    'capture_request_body',
    'capture_response_body',
    'max_body_bytes',
    'max_tool_trace_bytes',
    'max_tool_trace_steps',
  ],
  response_cache: [],
  system_prompt: ['enabled', 'system_prompt', 'mode'],
  tool_selection: [
    'enabled',
    'mode',
    'tools_db_path',
    'top_k',
    'similarity_threshold',
    'strategy',
    'fallback_to_empty',
    'relevance_threshold',
    'preserve_count',
  ],
  tools: [
    'enabled',
    'mode',
    'semantic_selection',
    'strategy',
    'allow_tools',
    'block_tools',
    'strip_tool_history',
    'dynamic_retrieval',
  ],
};

/** Algorithms whose `on_error` lives inside their sub-object; the others keep it at the top. */
export const ALGORITHMS_WITH_INNER_ON_ERROR: readonly string[] = ['confidence', 'ratings', 'remom'];

/** `EMIT retention { … }` fields (tri-state: an explicit `false` is printed). */
export const EMIT_RETENTION_FIELDS: readonly string[] = [
  'drop',
  'ttl_turns',
  'keep_current_model',
  'prefer_prefix_retention',
];

/** `ENTRYPOINT { … }` fields. */
export const ENTRYPOINT_FIELDS: readonly string[] = ['model_names', 'recipe'];

/** Options a model in an explicit `FOR v IN [ … ]` list may carry (no param_size). */
export const CANDIDATE_MODEL_OPTIONS: readonly { option: string; field: string }[] =
  MODEL_REF_OPTIONS.filter((entry) => entry.option !== 'param_size');
