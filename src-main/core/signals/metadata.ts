import type { MetadataRule } from '../config/schema/signals';
import type { SignalModule, SignalOutput } from './signal-module';
import { SIGNAL_INFO, signalKey } from './signal-types';

// metadata (reference §2.15): tests one key of the request's `metadata`
// object. The client writes that object, so it is untrusted: route on it,
// never authorise on it (that is what authz and its headers are for).

type Scalar = string | number | boolean;

/** A key is present when it is the object's own and its value is neither null nor undefined. */
function lookup(metadata: Record<string, unknown> | undefined, key: string): unknown {
  if (metadata === null || typeof metadata !== 'object' || !Object.hasOwn(metadata, key)) {
    return undefined;
  }
  const value = metadata[key];
  return value === null ? undefined : value;
}

/** Scalars compare as their string form (`7` equals `"7"`, `true` equals `"true"`); objects never equal. */
function asComparable(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Every given test must hold: `equals`, `in` (any of), `exists` (true: the key
 * is present; false: it is absent). A rule with none of them tests presence.
 */
export function metadataRuleMatches(
  rule: MetadataRule,
  metadata: Record<string, unknown> | undefined,
): boolean {
  const value = lookup(metadata, rule.key);
  const present = value !== undefined;
  const comparable = asComparable(value);
  const equalsTo = (expected: Scalar): boolean =>
    comparable !== undefined && comparable === String(expected);

  if (rule.exists !== undefined && rule.exists !== present) return false;
  if (rule.equals !== undefined && !equalsTo(rule.equals)) return false;
  if (rule.in !== undefined && !rule.in.some(equalsTo)) return false;
  if (rule.exists === undefined && rule.equals === undefined && rule.in === undefined)
    return present;
  return true;
}

export const metadataSignal: SignalModule<MetadataRule> = {
  type: 'metadata',
  configKey: SIGNAL_INFO.metadata.configKey,
  prepare(rules) {
    return {
      evaluate({ request }): SignalOutput {
        const output: SignalOutput = { status: 'ok', matched: [], confidences: {}, values: {} };
        for (const rule of rules) {
          if (!metadataRuleMatches(rule, request.metadata)) continue;
          output.matched.push(rule.name);
          output.confidences[signalKey('metadata', rule.name)] = 1;
        }
        return output;
      },
    };
  },
};
