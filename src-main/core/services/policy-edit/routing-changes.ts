import type { DecisionChange } from '../../../contract/policy-edit';
import type { RouterConfig } from '../../config/router-config';
import type { Decision } from '../../config/schema/decisions';

// What an edit changes for the router: the loaded configs compared in their
// normalised form (defaults filled, lookups resolved), so comments, key
// order and spelling-only differences count for nothing; and the decisions
// compared by name, field by field. Decisions of recipe profiles are named
// `<profile>/<decision>`.

/** A JSON text with object keys sorted and Maps as sorted objects: equal values print equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([key, item]) => [String(key), canonical(item)]);
    return Object.fromEntries(entries.sort(([a], [b]) => String(a).localeCompare(String(b))));
  }
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = canonical(item);
    }
    return out;
  }
  return value;
}

/**
 * The config as the router reads it: without its file name and the document
 * as written, and with what the DSL compiler states explicitly read the way
 * the router reads its absence: a keyword rule's `case_sensitive` (false),
 * a model card that says nothing but its name (none).
 */
function routerView(config: RouterConfig): unknown {
  const { file: _file, raw: _raw, ...read } = config;
  const view = canonical(read) as {
    profiles?: Record<string, { signals?: { keywords?: Record<string, unknown>[] } }>;
    models?: Record<string, { card?: Record<string, unknown> }>;
  };
  for (const profile of Object.values(view.profiles ?? {}))
    for (const rule of profile.signals?.keywords ?? [])
      if (rule.case_sensitive === false) delete rule.case_sensitive;
  for (const model of Object.values(view.models ?? {}))
    if (model.card && Object.keys(model.card).every((key) => key === 'name')) delete model.card;
  return view;
}

export function sameRouting(a: RouterConfig, b: RouterConfig): boolean {
  return JSON.stringify(routerView(a)) === JSON.stringify(routerView(b));
}

function decisionsByName(config: RouterConfig): Map<string, Decision> {
  const byName = new Map<string, Decision>();
  for (const [profile, { decisions }] of config.profiles) {
    for (const decision of decisions)
      byName.set(profile === 'default' ? decision.name : `${profile}/${decision.name}`, decision);
  }
  return byName;
}

/** Decisions added, removed or changed (with the fields that differ), in the edit's order, removed last. */
export function decisionChanges(before: RouterConfig, after: RouterConfig): DecisionChange[] {
  const old = decisionsByName(before);
  const next = decisionsByName(after);
  const changes: DecisionChange[] = [];
  for (const [name, decision] of next) {
    const previous = old.get(name);
    if (!previous) {
      changes.push({ name, change: 'added', fields: [] });
      continue;
    }
    const fields = differingFields(previous, decision);
    if (fields.length > 0) changes.push({ name, change: 'changed', fields });
  }
  for (const name of old.keys())
    if (!next.has(name)) changes.push({ name, change: 'removed', fields: [] });
  return changes;
}

function differingFields(a: Decision, b: Decision): string[] {
  const record = (d: Decision) => d as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys]
    .filter((key) => canonicalJson(record(a)[key]) !== canonicalJson(record(b)[key]))
    .sort();
}
