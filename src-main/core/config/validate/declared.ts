import { SIGNAL_INFO, SIGNAL_TYPES } from '../../signals/signal-types';
import type { SignalType } from '../../signals/signal-types';
import type { Signals } from '../schema/signals';

/** Names declared per signal type (authz: the roles of role_bindings). */
export function declaredSignalNames(signals: Signals): Map<SignalType, Set<string>> {
  const declared = new Map<SignalType, Set<string>>();
  for (const type of SIGNAL_TYPES) {
    const rules = (signals[SIGNAL_INFO[type].configKey] ?? []) as {
      name?: string;
      role?: string;
    }[];
    const names = rules
      .map((rule) => (type === 'authz' ? rule.role : rule.name))
      .filter((n): n is string => Boolean(n));
    declared.set(type, new Set(names));
  }
  return declared;
}

/** Complexity names are referenced as `rule:level`. */
export const COMPLEXITY_LEVELS = new Set(['easy', 'medium', 'hard']);

export function complexityBase(name: string): { base: string; level?: string } {
  const at = name.lastIndexOf(':');
  if (at === -1) return { base: name };
  return { base: name.slice(0, at), level: name.slice(at + 1) };
}
