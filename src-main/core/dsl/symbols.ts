import type { Declaration, Program, RouteBody, Value } from './syntax/ast';

// The names a DSL file declares, for an editor's completion: read straight
// from the syntax tree (top level and inside RECIPE blocks), so a file with
// errors still offers what it does declare. Each list keeps source order,
// without repeats.

export interface DslSymbols {
  signals: { type: string; name: string }[];
  /** The `name` of every output of a PROJECTION mapping: `projection("name")`. */
  projectionOutputs: string[];
  /** Declared MODEL cards, then the models routes name that have no card. */
  models: string[];
  /** PLUGIN template names. */
  plugins: string[];
  /** ROUTE names and the routes DECISION_TREE branches become. */
  routes: string[];
}

class Ordered {
  private readonly seen = new Set<string>();
  readonly items: string[] = [];

  add(value: string): void {
    if (value === '' || this.seen.has(value)) return;
    this.seen.add(value);
    this.items.push(value);
  }
}

export function dslSymbols(program: Program): DslSymbols {
  const signals = new Map<string, { type: string; name: string }>();
  const outputs = new Ordered();
  const cards = new Ordered();
  const referenced = new Ordered();
  const plugins = new Ordered();
  const routes = new Ordered();

  const visit = (items: readonly Declaration[]): void => {
    for (const item of items) {
      switch (item.kind) {
        case 'signal': {
          const signal = { type: item.type.value, name: item.name.value };
          signals.set(`${signal.type}\u0000${signal.name}`, signal);
          break;
        }
        case 'projection':
          if (item.projection.value === 'mapping') mappingOutputs(item.fields, outputs);
          break;
        case 'model':
          cards.add(item.name.value);
          break;
        case 'plugin':
          plugins.add(item.name.value);
          break;
        case 'route':
          routes.add(item.name.value);
          modelsOf(item, referenced);
          break;
        case 'decision_tree':
          item.branches.forEach((branch, index) => {
            routes.add(branch.branchName?.value ?? generatedBranchName(item.name.value, index));
            modelsOf(branch, referenced);
          });
          break;
        case 'recipe':
          visit(item.items);
          break;
        default:
          break;
      }
    }
  };
  visit(program.items);

  for (const model of referenced.items) cards.add(model);
  return {
    signals: [...signals.values()],
    projectionOutputs: outputs.items,
    models: cards.items,
    plugins: plugins.items,
    routes: routes.items,
  };
}

/** Models a route names: its MODEL lists and the explicit lists its FOR loops walk. */
function modelsOf(body: RouteBody, into: Ordered): void {
  for (const list of body.models) for (const ref of list) into.add(ref.name.value);
  for (const loop of body.fors)
    if (Array.isArray(loop.source)) for (const ref of loop.source) into.add(ref.name.value);
}

/** The name an unnamed branch's route gets (the DECISION_TREE lowering's rule). */
function generatedBranchName(tree: string, index: number): string {
  return `${tree}__branch_${String(index + 1).padStart(2, '0')}`;
}

function mappingOutputs(fields: readonly { key: string; value: Value }[], into: Ordered): void {
  const outputs = fields.find((field) => field.key === 'outputs')?.value;
  if (outputs?.kind !== 'list') return;
  for (const entry of outputs.items) {
    if (entry.kind !== 'object') continue;
    const name = entry.fields.find((field) => field.key === 'name')?.value;
    if (name?.kind === 'string' || name?.kind === 'ident') into.add(name.value);
  }
}
