import type { Profile } from '../config/router-config';
import type { RuleNode } from '../config/schema/common';
import { isSignalType } from '../signals/signal-types';
import type { SignalType } from '../signals/signal-types';

/**
 * The signal families a profile's decisions can read (reference §2.0 step
 * 1): leaf types, expanded through projection outputs → their mapping's
 * score → its inputs (kb_metric → kb, projection → other scores), and
 * through complexity composers. Only these run on the request path.
 */
export function usedSignalTypes(profile: Profile): Set<SignalType> {
  const used = new Set<SignalType>();
  const outputs = new Set<string>();
  const visitNode = (node: RuleNode | undefined) => {
    if (!node) return;
    if (node.type) {
      const type = node.type.toLowerCase();
      if (type === 'projection' && node.name) outputs.add(node.name);
      else if (isSignalType(type)) used.add(type);
      return;
    }
    node.conditions?.forEach(visitNode);
  };
  for (const decision of profile.decisions) visitNode(decision.rules);

  const scores = new Map((profile.projections.scores ?? []).map((s) => [s.name, s]));
  const sourceOf = new Map<string, string>();
  for (const mapping of profile.projections.mappings ?? []) {
    for (const output of mapping.outputs) sourceOf.set(output.name, mapping.source);
  }
  const seenScores = new Set<string>();
  const visitScore = (name: string) => {
    if (seenScores.has(name)) return;
    seenScores.add(name);
    for (const input of scores.get(name)?.inputs ?? []) {
      const type = input.type.toLowerCase();
      if (type === 'kb_metric') used.add('kb');
      else if (type === 'projection') {
        const source =
          input.value_source === 'confidence' ? sourceOf.get(input.name ?? '') : input.name;
        if (source) visitScore(source);
      } else if (isSignalType(type)) used.add(type);
    }
  };
  for (const output of outputs) {
    const source = sourceOf.get(output);
    if (source) visitScore(source);
  }
  if (used.has('complexity')) {
    for (const rule of profile.signals.complexity ?? []) visitNode(rule.composer);
  }
  return used;
}
