import type { PreferenceRule } from '../config/schema/signals';
import { embedPrototypeBanks, scorePrototypeBank } from '../ml/prototype-bank';
import {
  guarded,
  guardedPrepare,
  missingModelReason,
  okOutput,
  queryEmbeddingFor,
  unavailableSignal,
} from './model-support';
import type { SignalModule } from './signal-module';
import { signalKey } from './signal-types';

// preference (reference §2.7), contrastive mode: each rule's description and
// examples form a prototype bank; the single best-scoring rule wins if it
// clears its own threshold (omitted = 0, upstream's zero value). The external
// LLM mode and `prototype_scoring.margin_threshold` are not supported.

export const preferenceSignal: SignalModule<PreferenceRule> = {
  type: 'preference',
  configKey: 'preferences',
  prepare(rules, env) {
    if (rules.length === 0) return { evaluate: () => okOutput() };
    const embedder = env.ml.embedder;
    if (!embedder) return unavailableSignal(missingModelReason('preference', 'embedding'));
    return guardedPrepare('preference', async () => {
      const banks = await embedPrototypeBanks(
        embedder,
        rules.map((rule) => [rule.description, ...(rule.examples ?? [])]),
      );
      return guarded('preference', async (input) => {
        const query = await queryEmbeddingFor(input, 'preference');
        if (!(query instanceof Float32Array)) return query;
        const scores: Record<string, number> = {};
        let winner: { rule: PreferenceRule; score: number } | undefined;
        rules.forEach((rule, i) => {
          const score = scorePrototypeBank(banks[i] ?? { prototypes: [] }, query).score;
          scores[rule.name] = score;
          const better =
            !winner ||
            score > winner.score ||
            (score === winner.score && rule.name < winner.rule.name);
          if (better) winner = { rule, score };
        });
        if (!winner || winner.score < (winner.rule.threshold ?? 0)) {
          return okOutput({ details: { scores } });
        }
        return okOutput({
          matched: [winner.rule.name],
          confidences: { [signalKey('preference', winner.rule.name)]: winner.score },
          details: { scores },
        });
      });
    });
  },
};
