import type { ReaskRule } from '../config/schema/signals';
import { cosine } from '../ml/vector';
import { guarded, missingModelReason, okOutput, unavailableSignal } from './model-support';
import type { SignalModule } from './signal-module';
import { signalKey } from './signal-types';
import { sampleForSemantics } from './text-views';

// reask (reference §2.6): the user is asking the same thing again. The
// current turn is compared with earlier user turns, most recent first; a
// rule matches when the first `lookback_turns` of them are all similar.

export const DEFAULT_REASK_THRESHOLD = 0.8;
export const DEFAULT_REASK_LOOKBACK_TURNS = 1;
/**
 * Earlier turns embedded per request beyond the largest lookback: enough to
 * report a long streak as a value without embedding a whole long chat.
 */
export const REASK_EXTRA_HISTORY_TURNS = 8;

function lookbackOf(rule: ReaskRule): number {
  const turns = rule.lookback_turns;
  return turns !== undefined && Number.isFinite(turns) && turns >= 1
    ? Math.floor(turns)
    : DEFAULT_REASK_LOOKBACK_TURNS;
}

/** Length of the run of similarities ≥ threshold from the most recent turn. */
export function reaskStreak(similarities: readonly number[], threshold: number): number {
  let streak = 0;
  for (const similarity of similarities) {
    if (similarity < threshold) break;
    streak += 1;
  }
  return streak;
}

export const reaskSignal: SignalModule<ReaskRule> = {
  type: 'reask',
  configKey: 'reasks',
  prepare(rules, env) {
    if (rules.length === 0) return { evaluate: () => okOutput() };
    const embedder = env.ml.embedder;
    if (!embedder) return unavailableSignal(missingModelReason('reask', 'embedding'));
    const maxLookback = Math.max(...rules.map(lookbackOf));

    return guarded('reask', async ({ views }) => {
      const current = views.currentUserText;
      const prior = views.priorUserTexts
        .filter((text) => text.trim() !== '')
        .slice(0, maxLookback + REASK_EXTRA_HISTORY_TURNS);
      if (current.trim() === '' || prior.length === 0) {
        return okOutput({ details: { priorUserTurns: prior.length } });
      }
      const vectors = await embedder.embed([current, ...prior].map(sampleForSemantics));
      const [currentVector, ...priorVectors] = vectors;
      if (!currentVector || priorVectors.length !== prior.length) {
        throw new Error(`embedder ${embedder.id} returned ${vectors.length} vectors`);
      }
      const similarities = priorVectors.map((vector) => cosine(currentVector, vector));

      const values: Record<string, number> = {};
      const hits: { name: string; lookback: number; confidence: number }[] = [];
      for (const rule of rules) {
        const lookback = lookbackOf(rule);
        const streak = reaskStreak(similarities, rule.threshold ?? DEFAULT_REASK_THRESHOLD);
        values[signalKey('reask', rule.name)] = streak;
        if (streak >= lookback) {
          hits.push({
            name: rule.name,
            lookback,
            confidence: Math.min(...similarities.slice(0, lookback)),
          });
        }
      }
      // Several matching rules: only the ones looking furthest back stay.
      const longest = Math.max(0, ...hits.map((hit) => hit.lookback));
      const kept = hits.filter((hit) => hit.lookback === longest);
      const confidences: Record<string, number> = {};
      for (const hit of kept) confidences[signalKey('reask', hit.name)] = hit.confidence;
      return okOutput({
        matched: kept.map((hit) => hit.name),
        confidences,
        values,
        details: { similarities },
      });
    });
  },
};
