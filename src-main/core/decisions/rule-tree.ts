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

/** Evaluates a decision's rule tree (reference §4.1–4.2, §9.10). */
export function evaluateRule(node: RuleNode | undefined, ctx: RuleContext): RuleResult {
  if (!node || isEmptyRule(node)) {
    return {
      matched: true,
      confidence: 0,
      matchedRules: [],
      trace: { node_type: 'fallback', matched: true, confidence: 0 },
    };
  }
  if (node.type) return evaluateLeaf(node, ctx);
  const operator = (node.operator ?? '').toUpperCase();
  const children = (node.conditions ?? []).map((child) => evaluateRule(child, ctx));
  const traces = children.map((c) => c.trace);
  if (operator === 'AND') {
    if (children.length === 0) return composite('AND', true, 0, [], traces);
    const matched = children.every((c) => c.matched);
    const confidence = matched
      ? children.reduce((sum, c) => sum + c.confidence, 0) / children.length
      : 0;
    return composite(
      'AND',
      matched,
      confidence,
      matched ? children.flatMap((c) => c.matchedRules) : [],
      traces,
    );
  }
  if (operator === 'NOT') {
    const only = children[0];
    const matched = children.length === 1 && only !== undefined && !only.matched;
    return composite('NOT', matched, matched ? 1 : 0, [], traces);
  }
  // OR, and any other or missing operator.
  let best: RuleResult | undefined;
  for (const child of children) {
    if (child.matched && (best === undefined || child.confidence > best.confidence)) best = child;
  }
  return composite(
    'OR',
    best !== undefined,
    best?.confidence ?? 0,
    best?.matchedRules ?? [],
    traces,
  );
}

function composite(
  nodeType: 'AND' | 'OR' | 'NOT',
  matched: boolean,
  confidence: number,
  matchedRules: string[],
  children: RuleTraceNode[],
): RuleResult {
  return {
    matched,
    confidence,
    matchedRules,
    trace: { node_type: nodeType, matched, confidence, children },
  };
}

function evaluateLeaf(node: RuleNode, ctx: RuleContext): RuleResult {
  const type = (node.type ?? '').toLowerCase();
  const name = node.name ?? '';
  const key = node.label ? `${type}:${name}:${node.label}` : `${type}:${name}`;
  const base = {
    node_type: 'leaf' as const,
    signal_type: type,
    signal_name: name,
    ...(node.label ? { label: node.label } : {}),
  };
  const unavailable =
    (type === 'projection' || isSignalType(type)) && ctx.state.unavailable.has(type as LeafType);
  const miss = (): RuleResult => ({
    matched: false,
    confidence: 0,
    matchedRules: [],
    trace: {
      ...base,
      matched: false,
      confidence: 0,
      ...(unavailable ? { unavailable: true } : {}),
    },
  });
  const hit = (confidence: number): RuleResult => ({
    matched: true,
    confidence,
    matchedRules: [key],
    trace: { ...base, matched: true, confidence },
  });

  if (node.predicate) {
    const value = ctx.state.values.get(key) ?? ctx.state.confidences.get(key);
    if (value === undefined) {
      const errored = ctx.state.errors.has(`${type}:${name}`);
      return errored && node.on_error === 'match' ? hit(1) : miss();
    }
    return predicateHolds(node.predicate, value) ? hit(1) : miss();
  }
  if (type !== 'projection' && !isSignalType(type)) return miss();
  const matched = ctx.state.matched.get(type as LeafType) ?? [];
  const found = matched.includes(name) || (type === 'domain' && matchesMmluCategory(name, ctx));
  if (!found) return miss();
  return hit(ctx.state.confidences.get(`${type}:${name}`) ?? 1);
}

function matchesMmluCategory(name: string, ctx: RuleContext): boolean {
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
