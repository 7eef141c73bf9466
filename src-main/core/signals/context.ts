import type { ContextRule } from '../config/schema/signals';
import { estimateContextTokens, parseTokenBound } from './context-estimate';
import type { SignalModule, SignalOutput } from './signal-module';
import { SIGNAL_INFO } from './signal-types';

// context (reference §2.8): token-window rules over the request's estimated
// size. Every rule whose inclusive [min, max] holds the count is emitted. No
// confidence is written: consumers read 1.0, as upstream.

interface PreparedContextRule {
  name: string;
  min: number;
  max: number;
  /** Why the rule can never match (an unparseable bound); the validator reports it too. */
  invalid?: string;
}

function prepareRule(rule: ContextRule): PreparedContextRule {
  const min = rule.min_tokens === undefined ? 0 : parseTokenBound(rule.min_tokens);
  const max = rule.max_tokens === undefined ? Infinity : parseTokenBound(rule.max_tokens);
  if (min === null || max === null) {
    const bad =
      min === null
        ? `min_tokens ${String(rule.min_tokens)}`
        : `max_tokens ${String(rule.max_tokens)}`;
    return { name: rule.name, min: 0, max: -1, invalid: `unreadable ${bad}` };
  }
  return { name: rule.name, min, max };
}

export const contextSignal: SignalModule<ContextRule> = {
  type: 'context',
  configKey: SIGNAL_INFO.context.configKey,
  prepare(rules) {
    const prepared = rules.map(prepareRule);
    const invalidRules = Object.fromEntries(
      prepared.filter((r) => r.invalid !== undefined).map((r) => [r.name, r.invalid]),
    );
    return {
      evaluate({ request, views }): SignalOutput {
        const estimate = estimateContextTokens(request, views);
        const matched = prepared
          .filter(
            (r) => r.invalid === undefined && r.min <= estimate.tokens && estimate.tokens <= r.max,
          )
          .map((r) => r.name);
        const details: Record<string, unknown> = {
          tokenCount: estimate.tokens,
          textTokens: estimate.textTokens,
          envelopeFloor: estimate.envelopeFloor,
        };
        if (Object.keys(invalidRules).length > 0) details['invalidRules'] = invalidRules;
        return { status: 'ok', matched, confidences: {}, values: {}, details };
      },
    };
  },
};
