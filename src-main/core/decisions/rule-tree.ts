import type { RuleNode } from '../config/schema/common';
import type { DomainRule } from '../config/schema/signals';
import type { SignalState } from '../router/signal-state';
import { isSignalType } from '../signals/signal-types';
import type { LeafType } from '../signals/signal-types';

/** How one node of a rule tree evaluated (upstream's eval_trace `root_trace`). */
export interface RuleTraceNode {
  node_type: 'leaf' | 'AND' | 'OR' | 'NOT' | 'fallback';
  signal_type?: string;
  signal_name?: string;
  label?: string;
  matched: boolean;
  confidence: number;
  /** Homelane: the leaf's family had no model, so it could not match. */
  unavailable?: boolean;
  children?: RuleTraceNode[];
}

export interface RuleResult {
  matched: boolean;
  confidence: number;
  /** `type:name[:label]` of the leaves that made the match. */
  matchedRules: string[];
  trace: RuleTraceNode;
}

export interface RuleContext {
  state: SignalState;
  /** Declared domain rules by name, for matching detected labels through mmlu_categories. */
  domains: ReadonlyMap<string, DomainRule>;
}

/** Omitted rules — no type, name, operator or conditions — are an unconditional match with confidence 0. */
export function isEmptyRule(node: RuleNode | undefined): boolean {
  return !node || (!node.type && !node.name && !node.operator && node.conditions === undefined);
}

/**
 * A rule tree prepared once per config: leaf types lower-cased, lookup keys
 * built, operators normalised, so evaluating it per request only looks
 * things up.
 */
export type CompiledRule =
  | { kind: 'fallback' }
  | {
      kind: 'leaf';
      type: string;
      name: string;
      label?: string;
      /** `type:name[:label]` — the predicate lookup key and the matched-rule entry. */
      key: string;
      /** `type:name` — the confidence and error key. */
      signalKey: string;
      known: boolean;
      predicate?: { gt?: number; gte?: number; lt?: number; lte?: number };
      matchOnError: boolean;
    }
  | { kind: 'AND' | 'OR' | 'NOT'; children: CompiledRule[] };

const FALLBACK: CompiledRule = { kind: 'fallback' };
const NO_RULES: readonly string[] = Object.freeze([]);

export function compileRule(node: RuleNode | undefined): CompiledRule {
  if (!node || isEmptyRule(node)) return FALLBACK;
  if (node.type) {
    const type = node.type.toLowerCase();
    const name = node.name ?? '';
    const signalKey = `${type}:${name}`;
    return {
      kind: 'leaf',
      type,
      name,
      ...(node.label ? { label: node.label } : {}),
      key: node.label ? `${signalKey}:${node.label}` : signalKey,
      signalKey,
      known: type === 'projection' || isSignalType(type),
      ...(node.predicate ? { predicate: node.predicate } : {}),
      matchOnError: node.on_error === 'match',
    };
  }
  const operator = (node.operator ?? '').toUpperCase();
  const kind = operator === 'AND' || operator === 'NOT' ? operator : 'OR';
  return { kind, children: (node.conditions ?? []).map(compileRule) };
}

/** Evaluates a decision's rule tree (reference §4.1–4.2, §9.10). */
export function evaluateRule(node: RuleNode | undefined, ctx: RuleContext): RuleResult {
  return evaluateCompiled(compileRule(node), ctx);
}

export function evaluateCompiled(rule: CompiledRule, ctx: RuleContext): RuleResult {
  switch (rule.kind) {
    case 'fallback':
      return {
        matched: true,
        confidence: 0,
        matchedRules: [],
        trace: { node_type: 'fallback', matched: true, confidence: 0 },
      };
    case 'leaf':
      return evaluateLeaf(rule, ctx);
    default:
      return evaluateComposite(rule.kind, rule.children, ctx);
  }
}

function evaluateComposite(
  kind: 'AND' | 'OR' | 'NOT',
  rules: readonly CompiledRule[],
  ctx: RuleContext,
): RuleResult {
  const children: RuleResult[] = new Array(rules.length);
  const traces: RuleTraceNode[] = new Array(rules.length);
  for (let i = 0; i < rules.length; i++) {
    const child = evaluateCompiled(rules[i] as CompiledRule, ctx);
    children[i] = child;
    traces[i] = child.trace;
  }
  let matched: boolean;
  let confidence = 0;
  let matchedRules: string[] = [];
  if (kind === 'AND') {
    matched = children.every((c) => c.matched);
    if (matched && children.length > 0) {
      let sum = 0;
      for (const child of children) sum += child.confidence;
      confidence = sum / children.length;
      matchedRules = children.flatMap((c) => c.matchedRules);
    }
  } else if (kind === 'NOT') {
    matched = children.length === 1 && children[0]?.matched === false;
    confidence = matched ? 1 : 0;
  } else {
    // OR, and any other or missing operator: the best matching child.
    let best: RuleResult | undefined;
    for (const child of children) {
      if (child.matched && (best === undefined || child.confidence > best.confidence)) best = child;
    }
    matched = best !== undefined;
    confidence = best?.confidence ?? 0;
    matchedRules = best?.matchedRules ?? [];
  }
  return {
    matched,
    confidence,
    matchedRules,
    trace: { node_type: kind, matched, confidence, children: traces },
  };
}

function evaluateLeaf(rule: Extract<CompiledRule, { kind: 'leaf' }>, ctx: RuleContext): RuleResult {
  const { state } = ctx;
  let matched = false;
  let confidence = 0;
  if (rule.predicate) {
    const value = state.values.get(rule.key) ?? state.confidences.get(rule.key);
    if (value === undefined) matched = rule.matchOnError && state.errors.has(rule.signalKey);
    else matched = predicateHolds(rule.predicate, value);
    if (matched) confidence = 1;
  } else if (rule.known) {
    const names = state.matched.get(rule.type as LeafType);
    matched =
      (names !== undefined && names.includes(rule.name)) ||
      (rule.type === 'domain' && matchesMmluCategory(rule.name, ctx));
    if (matched) confidence = state.confidences.get(rule.signalKey) ?? 1;
  }
  const trace: RuleTraceNode = {
    node_type: 'leaf',
    signal_type: rule.type,
    signal_name: rule.name,
    matched,
    confidence,
  };
  if (rule.label) trace.label = rule.label;
  if (!matched && rule.known && state.unavailable.has(rule.type as LeafType))
    trace.unavailable = true;
  return {
    matched,
    confidence,
    matchedRules: matched ? [rule.key] : (NO_RULES as string[]),
    trace,
  };
}

function matchesMmluCategory(name: string, ctx: RuleContext): boolean {
  if (ctx.state.domainLabels.length === 0) return false;
  const categories = ctx.domains.get(name)?.mmlu_categories ?? [];
  return categories.some((category) =>
    ctx.state.domainLabels.some((label) => label.toLowerCase() === category.toLowerCase()),
  );
}

export function predicateHolds(
  predicate: { gt?: number; gte?: number; lt?: number; lte?: number },
  value: number,
): boolean {
  if (!Number.isFinite(value)) return false;
  if (predicate.gt !== undefined && !(value > predicate.gt)) return false;
  if (predicate.gte !== undefined && !(value >= predicate.gte)) return false;
  if (predicate.lt !== undefined && !(value < predicate.lt)) return false;
  if (predicate.lte !== undefined && !(value <= predicate.lte)) return false;
  return true;
}
