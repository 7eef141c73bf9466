import type { LeafType } from '../signals/signal-types';

/**
 * The facts the signal stage leaves for projections and decisions: matched
 * names per type (in emission order) and upstream's `type:name` maps. The
 * pipeline's post-processing steps (partitions, composers, top-k,
 * projections) edit it in place, in upstream's order.
 */
export interface SignalState {
  matched: Map<LeafType, string[]>;
  confidences: Map<string, number>;
  values: Map<string, number>;
  errors: Map<string, string>;
  kbMetrics: Map<string, number>;
  /** Families that could not run for lack of a model (their leaves cannot match). */
  unavailable: Set<LeafType>;
  /** Raw domain labels detected, for decision leaves matching through mmlu_categories. */
  domainLabels: string[];
}

export function emptySignalState(): SignalState {
  return {
    matched: new Map(),
    confidences: new Map(),
    values: new Map(),
    errors: new Map(),
    kbMetrics: new Map(),
    unavailable: new Set(),
    domainLabels: [],
  };
}

export function matchedOf(state: SignalState, type: LeafType): string[] {
  return state.matched.get(type) ?? [];
}

export function isMatched(state: SignalState, type: LeafType, name: string): boolean {
  return matchedOf(state, type).includes(name);
}
