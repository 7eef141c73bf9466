import type { SelectionStrategy } from '../config/router-config';

export interface DecisionCandidate {
  name: string;
  confidence: number;
  priority: number;
  tier: number;
}

/**
 * Picks the winner among matched decisions (reference §4.3, §9.9): once any
 * has tier > 0, tier ascending decides first (so an untiered match beats
 * tier 1), then confidence, priority, name; otherwise the strategy orders.
 */
export function selectBestDecision<T extends DecisionCandidate>(
  matched: readonly T[],
  strategy: SelectionStrategy,
): T | undefined {
  if (matched.length === 0) return undefined;
  const tiered = matched.some((d) => d.tier > 0);
  const byName = (a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const compare = (a: T, b: T): number => {
    if (tiered)
      return (
        a.tier - b.tier || b.confidence - a.confidence || b.priority - a.priority || byName(a, b)
      );
    if (strategy === 'confidence')
      return b.confidence - a.confidence || b.priority - a.priority || byName(a, b);
    return b.priority - a.priority || b.confidence - a.confidence || byName(a, b);
  };
  return [...matched].sort(compare)[0];
}
