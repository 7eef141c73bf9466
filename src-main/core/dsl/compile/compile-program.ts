import type { KeyPath } from '../../config/diagnostics';
import type {
  Declaration,
  ModelDecl,
  PluginDecl,
  ProjectionDecl,
  Program,
  RecipeDecl,
  RouteDecl,
  SignalDecl,
  TestDecl,
} from '../syntax/ast';
import { canonicalPluginType } from '../../decisions/plugin-types';
import { compilePluginRef } from './compile-plugins';
import type { Templates } from './compile-plugins';
import { compileRoute } from './compile-routes';
import type { RouteOutput } from './compile-routes';
import { compileProjections, compileSignals } from './compile-signals';
import type { CompileContext } from './context';
import { lowerDecisionTree } from './lower-trees';
import { fieldsToData, findField, stringField } from './values';

// The program → the DSL-owned sections of a v0.3 config: `routing`
// (model cards, signals, projections, decisions, strategy), `entrypoints`
// and `recipes`. The top-level declarations are the implicit recipe
// "default"; each RECIPE is compiled on its own so names never leak
// between recipes, and the MODEL catalog is shared.

export interface DslTestCase {
  /** The recipe the test block sits in ("default" at the top level). */
  recipe: string;
  name: string;
  entries: { query: string; route: string; line: number; column: number }[];
}

export interface CompiledSections {
  routing: Record<string, unknown>;
  entrypoints?: Record<string, unknown>[];
  recipes?: Record<string, unknown>[];
}

export function compileProgram(
  program: Program,
  ctx: CompileContext,
): { sections: CompiledSections; tests: DslTestCase[] } {
  const tests: DslTestCase[] = [];
  const cardSizes: RouteOutput['cardSizes'] = [];
  const top = compileProfile(program.items, ['routing'], 'default', ctx, tests, cardSizes);
  const recipes: Record<string, unknown>[] = [];
  const recipeNames = new Set<string>(['default']);
  for (const decl of program.items) {
    if (decl.kind !== 'recipe') continue;
    recipes.push(compileRecipe(decl, recipes.length, recipeNames, ctx, tests, cardSizes));
  }
  const routing: Record<string, unknown> = {};
  const cards = modelCards(
    program.items,
    [top, ...recipes.map((r) => r.routing as Profile)],
    cardSizes,
    ctx,
  );
  if (cards.length > 0) routing.modelCards = cards;
  Object.assign(routing, top);
  const sections: CompiledSections = { routing };
  const entrypoints = program.items
    .filter((d) => d.kind === 'entrypoint')
    .map((decl, index) => {
      const path = ['entrypoints', index];
      ctx.map.set(path, decl.range);
      return fieldsToData(decl.fields, path, ctx);
    });
  if (entrypoints.length > 0) sections.entrypoints = entrypoints;
  if (recipes.length > 0) sections.recipes = recipes;
  return { sections, tests };
}

type Profile = Record<string, unknown>;

function compileRecipe(
  decl: RecipeDecl,
  index: number,
  names: Set<string>,
  ctx: CompileContext,
  tests: DslTestCase[],
  cardSizes: RouteOutput['cardSizes'],
): Record<string, unknown> {
  const name = decl.name.value;
  if (name.trim() === '') ctx.error('missing_name', decl.name.range, 'a RECIPE needs a name');
  else if (names.has(name))
    ctx.error(
      'duplicate_name',
      decl.name.range,
      name === 'default'
        ? 'RECIPE "default" is the top-level profile; give this recipe another name'
        : `RECIPE "${name}" is declared twice`,
    );
  names.add(name);
  const path: KeyPath = ['recipes', index];
  ctx.map.set(path, decl.name.range);
  ctx.map.set([...path, 'name'], decl.name.range);
  for (const option of decl.options)
    if (option.key !== 'description' && option.key !== 'strategy')
      ctx.warn(
        'ignored_option',
        option.keyRange,
        `RECIPE takes description and strategy; "${option.key}" is ignored`,
      );
  const routing = compileProfile(decl.items, [...path, 'routing'], name, ctx, tests, cardSizes);
  const strategy = stringField(decl.options, 'strategy');
  if (strategy !== undefined && routing.strategy === undefined) routing.strategy = strategy;
  const recipe: Record<string, unknown> = { name };
  const description = stringField(decl.options, 'description');
  if (description !== undefined) recipe.description = description;
  recipe.routing = routing;
  return recipe;
}

function compileProfile(
  items: readonly Declaration[],
  path: KeyPath,
  recipe: string,
  ctx: CompileContext,
  tests: DslTestCase[],
  cardSizes: RouteOutput['cardSizes'],
): Profile {
  const profile: Profile = {};
  const signals = compileSignals(
    items.filter((d): d is SignalDecl => d.kind === 'signal'),
    [...path, 'signals'],
    ctx,
  );
  if (signals) profile.signals = signals;
  const projections = compileProjections(
    items.filter((d): d is ProjectionDecl => d.kind === 'projection'),
    [...path, 'projections'],
    ctx,
  );
  if (projections) profile.projections = projections;

  const templates: Templates = new Map();
  for (const decl of items.filter((d): d is PluginDecl => d.kind === 'plugin')) {
    if (templates.has(decl.name.value))
      ctx.warn(
        'duplicate_name',
        decl.name.range,
        `PLUGIN template "${decl.name.value}" is declared twice; the last one counts`,
      );
    if (!canonicalPluginType(decl.pluginType.value))
      compilePluginRef(
        { name: decl.pluginType, fields: [], braces: false, range: decl.range },
        new Map(),
        ['(template)'],
        ctx,
      );
    templates.set(decl.name.value, decl);
  }

  const routes = items.filter((d): d is RouteDecl => d.kind === 'route');
  const trees = items.filter((d) => d.kind === 'decision_tree');
  if (routes.length > 0 && trees.length > 0)
    ctx.error(
      'mixed_routes',
      trees[0]!.name.range,
      'a profile uses either DECISION_TREE or ROUTE blocks, not both',
    );
  const lowered = trees.flatMap((tree, index) => lowerDecisionTree(tree, index, ctx));
  const decisions = [...routes, ...lowered].map((route, index) => {
    const out = compileRoute(route, templates, [...path, 'decisions', index], ctx);
    cardSizes.push(...out.cardSizes);
    return out.decision;
  });
  if (decisions.length > 0) profile.decisions = decisions;

  const routing = items.filter((d) => d.kind === 'routing');
  for (const decl of routing) {
    const strategy = findField(decl.fields, 'strategy');
    if (!strategy)
      ctx.error('missing_field', decl.range, 'ROUTING needs a strategy (priority or confidence)');
    for (const field of decl.fields)
      if (field.key !== 'strategy')
        ctx.warn(
          'unknown_key',
          field.keyRange,
          `ROUTING takes only strategy; "${field.key}" is ignored`,
        );
  }
  const last = routing.at(-1);
  if (last) {
    const strategy = fieldsToData(last.fields, path, ctx).strategy;
    if (strategy !== undefined) profile.strategy = strategy;
  }
  const routeNames = new Set(decisions.map((d) => String(d.name)));
  for (const decl of items.filter((d): d is TestDecl => d.kind === 'test')) {
    for (const entry of decl.entries) {
      if (entry.query.value.trim() === '')
        ctx.add(
          'constraint',
          'empty_query',
          entry.query.range,
          `TEST "${decl.name.value}" has an empty query`,
        );
      if (!routeNames.has(entry.route.value))
        ctx.warn(
          'unknown_route',
          entry.route.range,
          `TEST "${decl.name.value}" expects route "${entry.route.value}", which is not declared`,
        );
    }
    tests.push({
      recipe,
      name: decl.name.value,
      entries: decl.entries.map((e) => ({
        query: e.query.value,
        route: e.route.value,
        line: e.query.range.start.line,
        column: e.query.range.start.column,
      })),
    });
  }
  return profile;
}

/** Declared MODEL cards plus every model a decision names, sorted by name (upstream's export). */
function modelCards(
  items: readonly Declaration[],
  profiles: readonly Profile[],
  sizes: RouteOutput['cardSizes'],
  ctx: CompileContext,
): Record<string, unknown>[] {
  const cards = new Map<string, Record<string, unknown>>();
  const declared = items.filter((d): d is ModelDecl => d.kind === 'model');
  const ranges = new Map<string, ModelDecl>();
  for (const decl of declared) {
    const name = decl.name.value;
    if (cards.has(name))
      ctx.error('duplicate_name', decl.name.range, `MODEL "${name}" is declared twice`);
    cards.set(name, { name, ...fieldsToData(decl.fields, ['(model)'], ctx, new Set(['name'])) });
    ranges.set(name, decl);
  }
  for (const profile of profiles) {
    for (const decision of (profile.decisions ?? []) as Record<string, unknown>[]) {
      const refs = [
        ...((decision.modelRefs ?? []) as { model: string }[]),
        ...((decision.candidateIterations ?? []) as { models?: { model: string }[] }[]).flatMap(
          (loop) => loop.models ?? [],
        ),
      ];
      for (const ref of refs) if (!cards.has(ref.model)) cards.set(ref.model, { name: ref.model });
    }
  }
  for (const { model, value } of sizes) {
    const card = cards.get(model);
    if (card && card.param_size === undefined) card.param_size = value;
  }
  const sorted = [...cards.values()].sort((a, b) =>
    String(a.name) < String(b.name) ? -1 : String(a.name) > String(b.name) ? 1 : 0,
  );
  sorted.forEach((card, index) => {
    const decl = ranges.get(String(card.name));
    if (decl) {
      ctx.map.set(['routing', 'modelCards', index], decl.name.range);
      for (const field of decl.fields)
        ctx.map.set(['routing', 'modelCards', index, field.key], field.keyRange);
    }
  });
  return sorted;
}
