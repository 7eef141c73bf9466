import type { RuleNode } from './schema/common';
import type { RawConfig } from './schema/config';
import type { Decision } from './schema/decisions';
import type { Global } from './schema/global';
import type { Projections } from './schema/projections';
import type { ModelCard, Pricing, ProviderModel } from './schema/providers';
import type { Signals } from './schema/signals';

// The loaded config in the shape the router uses: profiles resolved,
// upstream defaults filled, lookups indexed. `raw` keeps the document as
// written (unknown keys included) for export.

export type SelectionStrategy = 'priority' | 'confidence';

/** One routing profile: the top-level `routing` block is `default`; `recipes[]` add more. */
export interface Profile {
  name: string;
  signals: Signals;
  projections: Projections;
  decisions: Decision[];
  strategy: SelectionStrategy;
}

export interface ModelInfo {
  alias: string;
  /** What goes upstream in the body's `model` field. */
  upstreamModelId: string;
  apiFormat: string;
  reasoningFamily?: string;
  pricing?: Pricing;
  provider?: ProviderModel;
  card?: ModelCard;
}

export interface ReasoningFamily {
  type: string;
  parameter: string;
}

export interface RouterConfig {
  file: string;
  version: string;
  raw: RawConfig;
  global: Global;
  profiles: ReadonlyMap<string, Profile>;
  models: ReadonlyMap<string, ModelInfo>;
  defaultModel?: string;
  defaultReasoningEffort?: string;
  reasoningFamilies: ReadonlyMap<string, ReasoningFamily>;
  /** Request model names that route through the `default` profile. */
  autoModelNames: readonly string[];
  /** Entrypoint model name → profile name. */
  entrypoints: ReadonlyMap<string, string>;
  /** Router Learning applies to decisions (eval then reports `execution_required`). */
  learningApplies: boolean;
}

export type { RuleNode };
