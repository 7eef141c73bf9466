import type { ComplexityRule } from '../config/schema/signals';
import type { PrototypeBank } from '../ml/prototype-bank';
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

// complexity (reference §2.11, §9 item 7): how much closer the request is to
// the "hard" examples than to the "easy" ones. Every rule always emits one
// `name:level`, with |margin| as its confidence (small for medium). The
// `composer` gate is applied later by the pipeline.
//
// Only text is scored: `image_candidates` are ignored until an image
// embedding path exists (upstream swaps in the image margin when a request
// carries an image and that margin is larger).

export type ComplexityLevel = 'easy' | 'medium' | 'hard';

/** The level a margin falls in: beyond +threshold hard, below −threshold easy. */
export function complexityLevel(margin: number, threshold: number): ComplexityLevel {
  if (margin > threshold) return 'hard';
  if (margin < -threshold) return 'easy';
  return 'medium';
}

interface CompiledRule {
  rule: ComplexityRule;
  hard: PrototypeBank;
  easy: PrototypeBank;
}

export const complexitySignal: SignalModule<ComplexityRule> = {
  type: 'complexity',
  configKey: 'complexity',
  prepare(rules, env) {
    if (rules.length === 0) return { evaluate: () => okOutput() };
    const embedder = env.ml.embedder;
    if (!embedder) return unavailableSignal(missingModelReason('complexity', 'embedding'));
    return guardedPrepare('complexity', async () => {
      const banks = await embedPrototypeBanks(
        embedder,
        rules.flatMap((rule) => [rule.hard?.candidates ?? [], rule.easy?.candidates ?? []]),
      );
      const empty: PrototypeBank = { prototypes: [] };
      const compiled: CompiledRule[] = rules.map((rule, i) => ({
        rule,
        hard: banks[2 * i] ?? empty,
        easy: banks[2 * i + 1] ?? empty,
      }));
      const imageCandidatesIgnored = rules
        .filter(
          (r) =>
            (r.hard?.image_candidates?.length ?? 0) + (r.easy?.image_candidates?.length ?? 0) > 0,
        )
        .map((r) => r.name);

      return guarded('complexity', async (input) => {
        const query = await queryEmbeddingFor(input, 'complexity');
        if (!(query instanceof Float32Array)) return query;
        const matched: string[] = [];
        const confidences: Record<string, number> = {};
        const values: Record<string, number> = {};
        const levels: Record<string, ComplexityLevel> = {};
        for (const { rule, hard, easy } of compiled) {
          const hardScore = scorePrototypeBank(hard, query).score;
          const easyScore = scorePrototypeBank(easy, query).score;
          const margin = hardScore - easyScore;
          // An omitted threshold is 0, as upstream's zero value.
          const level = complexityLevel(margin, rule.threshold ?? 0);
          const key = signalKey('complexity', rule.name);
          matched.push(`${rule.name}:${level}`);
          confidences[`${key}:${level}`] = Math.abs(margin);
          values[`${key}:text_hard_score`] = hardScore;
          values[`${key}:text_easy_score`] = easyScore;
          values[`${key}:text_margin`] = margin;
          values[`${key}:margin`] = margin;
          levels[rule.name] = level;
        }
        return okOutput({
          matched,
          confidences,
          values,
          details: {
            levels,
            ...(imageCandidatesIgnored.length > 0 ? { imageCandidatesIgnored } : {}),
          },
        });
      });
    });
  },
};
