import { z } from 'zod';
import {
  PredicateSchema,
  RuleNodeSchema,
  bool,
  num,
  obj,
  openRecord,
  str,
  strList,
} from './common';

// One schema per signal family of `routing.signals` (reference §2). Field
// names are upstream's. Defaults are applied by the signal modules, not here,
// so a re-exported config says only what its author wrote.

const named = { name: str(), description: str().optional() };

export const KeywordRuleSchema = obj({
  ...named,
  operator: str().optional(),
  keywords: strList(),
  case_sensitive: bool().optional(),
  method: str().optional(),
  fuzzy_match: bool().optional(),
  fuzzy_threshold: num().optional(),
  bm25_threshold: num().optional(),
  ngram_threshold: num().optional(),
  ngram_arity: num().optional(),
});

export const EmbeddingRuleSchema = obj({
  ...named,
  threshold: num().optional(),
  candidates: strList(),
  aggregation_method: str().optional(),
  query_modality: str().optional(),
});

export const DomainRuleSchema = obj({
  ...named,
  mmlu_categories: strList().optional(),
  model_scores: z.array(z.unknown()).optional(),
});

export const NamedRuleSchema = obj({ ...named });

export const ReaskRuleSchema = obj({
  ...named,
  threshold: num().optional(),
  lookback_turns: num().optional(),
});

export const PreferenceRuleSchema = obj({
  ...named,
  examples: strList().optional(),
  threshold: num().optional(),
});

export const LanguageRuleSchema = obj({ ...named, threshold: num().optional() });

/** Token bounds: numbers or strings with an optional K (×1000) or M (×1e6) suffix. */
export const TokenBoundSchema = z.union([num(), str()]);

export const ContextRuleSchema = obj({
  ...named,
  min_tokens: TokenBoundSchema.optional(),
  max_tokens: TokenBoundSchema.optional(),
});

export const StructureSourceSchema = obj({
  type: str(),
  pattern: str().optional(),
  keywords: strList().optional(),
  sequences: z.array(strList()).optional(),
  case_sensitive: bool().optional(),
});

export const StructureRuleSchema = obj({
  ...named,
  feature: obj({ type: str(), source: StructureSourceSchema }),
  predicate: PredicateSchema.optional(),
});

const CandidateSetSchema = obj({
  candidates: strList().optional(),
  image_candidates: strList().optional(),
});

export const ComplexityRuleSchema = obj({
  ...named,
  threshold: num().optional(),
  hard: CandidateSetSchema.optional(),
  easy: CandidateSetSchema.optional(),
  composer: RuleNodeSchema.optional(),
});

export const ModalityRuleSchema = obj({
  ...named,
  method: str().optional(),
  keywords: strList().optional(),
  threshold: num().optional(),
});

export const RoleBindingSchema = obj({
  ...named,
  role: str(),
  subjects: z.array(obj({ kind: str(), name: str() })),
});

export const JailbreakRuleSchema = obj({
  ...named,
  method: str().optional(),
  threshold: num().optional(),
  include_history: bool().optional(),
  jailbreak_patterns: strList().optional(),
  benign_patterns: strList().optional(),
});

export const PiiRuleSchema = obj({
  ...named,
  method: str().optional(),
  threshold: num().optional(),
  pii_types_allowed: strList().optional(),
  include_history: bool().optional(),
});

export const KbRuleSchema = obj({
  ...named,
  kb: str(),
  target: obj({ kind: str(), value: str() }),
  match: str().optional(),
});

export const ConversationRuleSchema = obj({
  ...named,
  feature: obj({ type: str(), source: obj({ type: str(), role: str().optional() }) }),
  predicate: PredicateSchema.optional(),
});

export const EventRuleSchema = obj({
  ...named,
  event_types: strList().optional(),
  severities: strList().optional(),
  action_codes: strList().optional(),
  temporal: z.union([bool(), strList(), openRecord()]).optional(),
});

export const MetadataRuleSchema = obj({
  ...named,
  key: str(),
  equals: z.union([str(), num(), bool()]).optional(),
  in: z.array(z.union([str(), num(), bool()])).optional(),
  exists: bool().optional(),
});

export const ClassifierRuleSchema = obj({
  ...named,
  type: str().optional(),
  labels: z.array(z.union([str(), openRecord()])).optional(),
});

/** `routing.signals`: config key → rule schema. */
export const SignalsSchema = obj({
  keywords: z.array(KeywordRuleSchema).optional(),
  embeddings: z.array(EmbeddingRuleSchema).optional(),
  domains: z.array(DomainRuleSchema).optional(),
  fact_check: z.array(NamedRuleSchema).optional(),
  user_feedbacks: z.array(NamedRuleSchema).optional(),
  reasks: z.array(ReaskRuleSchema).optional(),
  preferences: z.array(PreferenceRuleSchema).optional(),
  language: z.array(LanguageRuleSchema).optional(),
  context: z.array(ContextRuleSchema).optional(),
  structure: z.array(StructureRuleSchema).optional(),
  complexity: z.array(ComplexityRuleSchema).optional(),
  modality: z.array(ModalityRuleSchema).optional(),
  role_bindings: z.array(RoleBindingSchema).optional(),
  jailbreak: z.array(JailbreakRuleSchema).optional(),
  pii: z.array(PiiRuleSchema).optional(),
  kb: z.array(KbRuleSchema).optional(),
  conversation: z.array(ConversationRuleSchema).optional(),
  events: z.array(EventRuleSchema).optional(),
  metadata: z.array(MetadataRuleSchema).optional(),
  classifiers: z.array(ClassifierRuleSchema).optional(),
});

export type KeywordRule = z.infer<typeof KeywordRuleSchema>;
export type EmbeddingRule = z.infer<typeof EmbeddingRuleSchema>;
export type DomainRule = z.infer<typeof DomainRuleSchema>;
export type NamedRule = z.infer<typeof NamedRuleSchema>;
export type ReaskRule = z.infer<typeof ReaskRuleSchema>;
export type PreferenceRule = z.infer<typeof PreferenceRuleSchema>;
export type LanguageRule = z.infer<typeof LanguageRuleSchema>;
export type ContextRule = z.infer<typeof ContextRuleSchema>;
export type StructureRule = z.infer<typeof StructureRuleSchema>;
export type ComplexityRule = z.infer<typeof ComplexityRuleSchema>;
export type ModalityRule = z.infer<typeof ModalityRuleSchema>;
export type RoleBinding = z.infer<typeof RoleBindingSchema>;
export type JailbreakRule = z.infer<typeof JailbreakRuleSchema>;
export type PiiRule = z.infer<typeof PiiRuleSchema>;
export type KbRule = z.infer<typeof KbRuleSchema>;
export type ConversationRule = z.infer<typeof ConversationRuleSchema>;
export type EventRule = z.infer<typeof EventRuleSchema>;
export type MetadataRule = z.infer<typeof MetadataRuleSchema>;
export type ClassifierRule = z.infer<typeof ClassifierRuleSchema>;
export type Signals = z.infer<typeof SignalsSchema>;
