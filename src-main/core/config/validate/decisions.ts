import { isSignalType } from '../../signals/signal-types';
import type { SignalType } from '../../signals/signal-types';
import type { DiagnosticSink, KeyPath } from '../diagnostics';
import type { RuleNode } from '../schema/common';
import { COMPLEXITY_LEVELS, complexityBase, declaredSignalNames } from './declared';
import { suggest } from './models';
import { PLUGIN_ALIASES, PLUGIN_TYPES } from '../../decisions/plugin-types';
import type { RawProfile } from './profiles';

import {
  KNOWN_ALGORITHMS,
  LOOPER_ALGORITHMS,
  MODEL_BACKED_SELECTORS,
} from '../../decisions/algorithms';

/** Upstream's decision plugin types (aliases of response_cache included). */
export const KNOWN_PLUGINS = new Set<string>([...PLUGIN_TYPES, ...Object.keys(PLUGIN_ALIASES)]);

const OPERATORS = new Set(['AND', 'OR', 'NOT']);

/** Reference §1.6 and §4 for one profile's decisions. */
export function validateDecisions(
  profile: RawProfile,
  projectionOutputs: Set<string>,
  sink: DiagnosticSink,
): void {
  const signals = profile.routing.signals ?? {};
  const declared = declaredSignalNames(signals);
  const domainsGenerated = (signals.domains?.length ?? 0) === 0;
  const names = new Set<string>();
  (profile.routing.decisions ?? []).forEach((decision, index) => {
    const path: KeyPath = [...profile.path, 'decisions', index];
    if (decision.name.trim() === '')
      sink.error('missing_name', [...path, 'name'], 'a decision needs a name');
    else if (names.has(decision.name))
      sink.error(
        'duplicate_name',
        [...path, 'name'],
        `decision "${decision.name}" is declared twice`,
      );
    names.add(decision.name);
    if (decision.tier !== undefined && (decision.tier < 0 || !Number.isInteger(decision.tier))) {
      sink.error('invalid_value', [...path, 'tier'], 'tier is a whole number, 0 or more');
    }
    if (decision.rules) {
      checkNode(
        decision.rules,
        [...path, 'rules'],
        { declared, projectionOutputs, domainsGenerated },
        sink,
      );
    }
    const type = decision.algorithm?.type;
    if (type !== undefined && type !== '') {
      const at = [...path, 'algorithm', 'type'];
      if (!KNOWN_ALGORITHMS.has(type)) {
        sink.error(
          'unknown_algorithm',
          at,
          `"${type}" is not an algorithm type${suggest(type, KNOWN_ALGORITHMS)}`,
        );
      } else if (LOOPER_ALGORITHMS.has(type)) {
        sink.warn(
          'looper_algorithm',
          at,
          `"${type}" routes (its final model is known only at run time), but Homelane cannot run multi-model loops yet: chat requests reaching "${decision.name}" will be refused`,
        );
      } else if (MODEL_BACKED_SELECTORS.has(type)) {
        sink.warn(
          'selector_fallback',
          at,
          `the ${type} selector needs a model Homelane does not run yet; "${decision.name}" falls back to its first modelRef, as upstream does when a selector fails`,
        );
      }
    }
    (decision.plugins ?? []).forEach((plugin, p) => {
      if (!KNOWN_PLUGINS.has(plugin.type)) {
        sink.error(
          'unknown_plugin',
          [...path, 'plugins', p, 'type'],
          `"${plugin.type}" is not a decision plugin type${suggest(plugin.type, KNOWN_PLUGINS)}`,
        );
      }
    });
  });
  const strategy = profile.routing.strategy;
  if (strategy !== undefined && strategy !== 'priority' && strategy !== 'confidence') {
    sink.error(
      'invalid_value',
      [...profile.path, 'strategy'],
      'strategy must be priority or confidence',
    );
  }
}

interface LeafContext {
  declared: Map<SignalType, Set<string>>;
  projectionOutputs: Set<string>;
  domainsGenerated: boolean;
}

function checkNode(node: RuleNode, path: KeyPath, ctx: LeafContext, sink: DiagnosticSink): void {
  if (node.type) {
    checkLeaf(node, path, ctx, sink);
    return;
  }
  const operator = node.operator?.toUpperCase();
  const children = node.conditions ?? [];
  if (operator !== undefined && !OPERATORS.has(operator)) {
    sink.warn(
      'unknown_operator',
      [...path, 'operator'],
      `operator "${node.operator}" is evaluated as OR (use AND, OR or NOT)`,
    );
  }
  if (operator === 'NOT' && children.length !== 1) {
    sink.warn(
      'not_arity',
      [...path, 'conditions'],
      `NOT takes exactly one condition (has ${children.length}); it never matches`,
    );
  }
  if (
    (operator === 'OR' || operator === undefined) &&
    children.length === 0 &&
    node.operator !== undefined
  ) {
    sink.warn('empty_or', path, 'an OR without conditions never matches');
  }
  children.forEach((child, index) => checkNode(child, [...path, 'conditions', index], ctx, sink));
}

function checkLeaf(node: RuleNode, path: KeyPath, ctx: LeafContext, sink: DiagnosticSink): void {
  const type = (node.type ?? '').toLowerCase();
  const name = node.name ?? '';
  if (type === 'projection') {
    if (!ctx.projectionOutputs.has(name)) {
      sink.error(
        'unknown_projection',
        [...path, 'name'],
        `"${name}" is not a declared projection output${suggest(name, ctx.projectionOutputs)}`,
      );
    }
    return;
  }
  if (!isSignalType(type)) {
    sink.error(
      'invalid_leaf_type',
      [...path, 'type'],
      `"${node.type}" is not a signal type${suggest(type, ['keyword', 'embedding', 'domain', 'context', 'structure', 'complexity', 'projection'])}`,
    );
    return;
  }
  if (type === 'domain' && ctx.domainsGenerated) return;
  const names = ctx.declared.get(type) ?? new Set<string>();
  if (type === 'complexity') {
    const { base, level } = complexityBase(name);
    if (!names.has(base))
      sink.warn(
        'unknown_signal',
        [...path, 'name'],
        `complexity signal "${base}" is not declared, so this condition never matches${suggest(base, names)}`,
      );
    else if (level === undefined || !COMPLEXITY_LEVELS.has(level))
      sink.error(
        'invalid_value',
        [...path, 'name'],
        `complexity conditions name a level: "${base}:easy", ":medium" or ":hard"`,
      );
    return;
  }
  if (node.predicate === undefined && !names.has(name)) {
    sink.warn(
      'unknown_signal',
      [...path, 'name'],
      `${type} signal "${name}" is not declared, so this condition never matches${suggest(name, names)}`,
    );
  }
}
