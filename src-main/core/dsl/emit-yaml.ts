import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import type { Diagnostic } from '../config/diagnostics';
import type { CompiledSections } from './compile/compile-program';

// Writing compiled sections as YAML: alone (the DSL-owned fragment), or
// merged into a base config that keeps everything the DSL does not own —
// version, listeners, providers, global, and each decision's YAML-only
// fields — with its comments and layout untouched.

const YAML_OPTIONS = { indent: 2, lineWidth: 0 } as const;

/** Per-decision fields the DSL cannot express; merge carries them over by decision name. */
const YAML_ONLY_DECISION_FIELDS = [
  'adaptations',
  'annotations',
  'output_contract',
  'output_contract_spec',
];

export function emitSectionsYaml(sections: CompiledSections): string {
  return stringify({ version: 'v0.3', ...sections }, YAML_OPTIONS);
}

export interface MergeResult {
  yaml?: string;
  diagnostics: Diagnostic[];
}

export function mergeIntoBase(
  sections: CompiledSections,
  baseText: string,
  baseFile: string,
): MergeResult {
  const doc = parseDocument(baseText, { uniqueKeys: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    const message =
      doc.errors[0]?.message.split('\n')[0] ?? 'the base config is not a YAML mapping';
    return {
      diagnostics: [
        { severity: 'error', code: 'base_unreadable', message, file: baseFile, path: '(document)' },
      ],
    };
  }
  const routing = carryDecisionFields(sections.routing, doc.getIn(['routing', 'decisions']));
  const recipes = sections.recipes?.map((recipe) => ({
    ...recipe,
    routing: carryDecisionFields(
      recipe.routing as Record<string, unknown>,
      baseRecipeDecisions(doc.get('recipes'), String(recipe.name)),
    ),
  }));
  doc.set('routing', doc.createNode(routing));
  for (const [key, value] of [
    ['entrypoints', sections.entrypoints],
    ['recipes', recipes],
  ] as const) {
    if (value && value.length > 0) doc.set(key, doc.createNode(value));
    else doc.delete(key);
  }
  return { yaml: doc.toString(YAML_OPTIONS), diagnostics: [] };
}

function baseRecipeDecisions(recipes: unknown, name: string): unknown {
  if (!isSeq(recipes)) return undefined;
  for (const item of recipes.items) {
    if (isMap(item) && item.get('name') === name) return item.getIn(['routing', 'decisions']);
  }
  return undefined;
}

function carryDecisionFields(
  routing: Record<string, unknown>,
  baseDecisions: unknown,
): Record<string, unknown> {
  if (!isSeq(baseDecisions) || !Array.isArray(routing.decisions)) return routing;
  const byName = new Map<string, Record<string, unknown>>();
  for (const item of baseDecisions.items) {
    if (!isMap(item)) continue;
    const kept: Record<string, unknown> = {};
    for (const field of YAML_ONLY_DECISION_FIELDS) {
      const node = item.get(field, true);
      if (node !== undefined) kept[field] = item.toJSON()[field];
    }
    if (Object.keys(kept).length > 0) byName.set(String(item.get('name')), kept);
  }
  const decisions = (routing.decisions as Record<string, unknown>[]).map((decision) => ({
    ...decision,
    ...byName.get(String(decision.name)),
  }));
  return { ...routing, decisions };
}
