import type { Global } from '../config/schema/global';
import { evaluateCompiled } from '../decisions/rule-tree';
import type { CompiledRule, RuleContext } from '../decisions/rule-tree';
import { applyEmbeddingTopK, readEmbeddingSettings } from '../signals/embedding';
import { signalKey } from '../signals/signal-types';
import type { SignalState } from './signal-state';

/**
 * Complexity composers (reference §2.11): a `name:level` match survives only
 * if its rule's composer tree holds over the other signals.
 */
export function applyComposers(
  composers: ReadonlyMap<string, CompiledRule>,
  state: SignalState,
  ctx: RuleContext,
): void {
  const matched = state.matched.get('complexity');
  if (!matched || matched.length === 0 || composers.size === 0) return;
  const kept = matched.filter((entry) => {
    const composer = composers.get(entry.slice(0, entry.lastIndexOf(':')));
    if (!composer || evaluateCompiled(composer, ctx).matched) return true;
    state.confidences.delete(signalKey('complexity', entry));
    return false;
  });
  state.matched.set('complexity', kept);
}

/** Keeps the top-k embedding matches after partitions (reference §2.0 step 5, §9.2). */
export function applyEmbeddingTopKPolicy(global: Global, state: SignalState): void {
  const matched = state.matched.get('embedding');
  if (!matched || matched.length === 0) return;
  const prefix = signalKey('embedding', '');
  const confidences: Record<string, number> = {};
  for (const [key, value] of state.confidences)
    if (key.startsWith(prefix)) confidences[key] = value;
  const result = applyEmbeddingTopK(matched, confidences, readEmbeddingSettings(global).topK);
  state.matched.set('embedding', result.matched);
  for (const key of Object.keys(confidences)) {
    const value = result.confidences[key];
    if (value === undefined) state.confidences.delete(key);
    else state.confidences.set(key, value);
  }
}
