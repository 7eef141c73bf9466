import type { Global, KbDefinition } from '../config/schema/global';
import type { MlRuntime } from '../ml/types';
import type { RoutingRequest } from '../router/request';
import type { SignalConfigKey, SignalType } from './signal-types';
import type { TextViews } from './text-views';

/**
 * What one signal family reports for one request. Keys of `confidences`,
 * `values` and `errors` are upstream's `type:name` (complexity:
 * `complexity:name:level`; embedding extras `embedding:name:best`, …).
 */
export interface SignalOutput {
  /** `unavailable`: a model this family needs is not installed; `error`: it failed. */
  status: 'ok' | 'unavailable' | 'error';
  /** Matched rule names in emission order (complexity emits `name:level`). */
  matched: string[];
  confidences: Record<string, number>;
  values: Record<string, number>;
  errors?: Record<string, string>;
  /** Why the family is unavailable or failed, for people. */
  reason?: string;
  /** Family-specific facts for the trace (matched keywords, token count, detected language…). */
  details?: Record<string, unknown>;
  /** Knowledge-base metrics, keyed `kb_metric:<kb>:<metric>` (lower-cased). */
  kbMetrics?: Record<string, number>;
}

/** Per-request input shared by every family. */
export interface SignalInput {
  request: RoutingRequest;
  views: TextViews;
  /**
   * The embedding of `views.semanticText`, computed at most once per request
   * and shared by every family that needs it. Absent without an embedder.
   */
  queryEmbedding?: () => Promise<Float32Array>;
}

/** What a family may use while it prepares itself for a loaded config. */
export interface PrepareEnv {
  ml: MlRuntime;
  global: Global;
  /** Knowledge bases by name: declared in the config or built in, with their labels. */
  kbs: ReadonlyMap<string, LoadedKb>;
}

export interface LoadedKb {
  definition: KbDefinition;
  /** label → exemplar texts. */
  labels: ReadonlyMap<string, { description?: string; exemplars: string[] }>;
}

/** A family compiled for one config: regexes built, candidate banks embedded. */
export interface PreparedSignal {
  evaluate(input: SignalInput): SignalOutput | Promise<SignalOutput>;
}

/** One module per signal family, registered in registry.ts. */
export interface SignalModule<Rule = unknown> {
  readonly type: SignalType;
  readonly configKey: SignalConfigKey;
  prepare(rules: readonly Rule[], env: PrepareEnv): PreparedSignal | Promise<PreparedSignal>;
}

/** The output of a family that cannot run without a model. */
export function unavailableOutput(reason: string): SignalOutput {
  return { status: 'unavailable', matched: [], confidences: {}, values: {}, reason };
}
