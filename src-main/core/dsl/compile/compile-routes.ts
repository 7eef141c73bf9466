import type { KeyPath } from '../../config/diagnostics';
import type { ModelRefNode, RouteDecl } from '../syntax/ast';
import { compileWhen } from './compile-expr';
import { compileAlgorithm, compilePluginRef } from './compile-plugins';
import type { Templates } from './compile-plugins';
import type { CompileContext } from './context';
import { fieldsToData, stringField, toData } from './values';

// ROUTE → one `routing.decisions[]` entry, keys in upstream's order.

/** Model reference options and the modelRef keys they become. */
const MODEL_OPTIONS: Record<string, string> = {
  reasoning: 'use_reasoning',
  effort: 'reasoning_effort',
  lora: 'lora_name',
  weight: 'weight',
};

export interface RouteOutput {
  decision: Record<string, unknown>;
  /** `param_size` options: they describe the model card, not the reference. */
  cardSizes: { model: string; value: unknown }[];
}

export function compileRoute(
  route: RouteDecl,
  templates: Templates,
  path: KeyPath,
  ctx: CompileContext,
): RouteOutput {
  ctx.map.set(path, route.name.range);
  ctx.map.set([...path, 'name'], route.name.range);
  const decision: Record<string, unknown> = { name: route.name.value };
  const cardSizes: RouteOutput['cardSizes'] = [];
  for (const option of route.options) {
    if (option.key !== 'description')
      ctx.warn(
        'ignored_option',
        option.keyRange,
        `ROUTE takes only the description option; "${option.key}" is ignored`,
      );
  }
  const description = route.description?.value ?? stringField(route.options, 'description');
  if (description !== undefined) decision.description = description;
  if (route.priority) {
    decision.priority = route.priority.value;
    ctx.map.set([...path, 'priority'], route.priority.range);
  } else {
    ctx.warn(
      'missing_priority',
      route.name.range,
      `ROUTE "${route.name.value}" has no PRIORITY; it counts as 0`,
    );
  }
  if (route.tier) {
    decision.tier = route.tier.value;
    ctx.map.set([...path, 'tier'], route.tier.range);
  }
  // No WHEN: an unconditional route, written as an AND of nothing (as upstream).
  decision.rules = route.when
    ? compileWhen(route.when, [...path, 'rules'], ctx)
    : { operator: 'AND' };

  const refs: Record<string, unknown>[] = [];
  const refNodes = route.models.flat();
  const push = (node: ModelRefNode) => {
    const ref = compileModelRef(node, [...path, 'modelRefs', refs.length], ctx, cardSizes);
    const duplicate = refs.some((r) => r.model === ref.model && r.lora_name === ref.lora_name);
    if (!duplicate) refs.push(ref);
  };
  refNodes.forEach(push);

  const iterations = route.fors.map((loop, index) => {
    const loopPath = [...path, 'candidateIterations', index];
    ctx.map.set(loopPath, loop.range);
    const explicit = Array.isArray(loop.source);
    const out: Record<string, unknown> = {
      variable: loop.variable.value,
      source: explicit ? 'models' : (loop.source as { value: string }).value,
    };
    if (Array.isArray(loop.source)) {
      const sizes: RouteOutput['cardSizes'] = [];
      out.models = loop.source.map((node, m) =>
        compileModelRef(node, [...loopPath, 'models', m], ctx, sizes),
      );
      cardSizes.push(...sizes);
      const emitsVariable = loop.outputs.flat().some((o) => o.name.value === loop.variable.value);
      if (emitsVariable) loop.source.forEach(push);
    }
    out.outputs = loop.outputs.flat().map((o) => ({ type: 'model', value: o.name.value }));
    return out;
  });

  if (refs.length > 0) decision.modelRefs = refs;
  if (route.algorithm) {
    const algorithm = compileAlgorithm(route.algorithm, [...path, 'algorithm'], ctx);
    if (algorithm) decision.algorithm = algorithm;
  }
  const plugins = route.plugins
    .map((ref, index) => compilePluginRef(ref, templates, [...path, 'plugins', index], ctx))
    .filter((p): p is Record<string, unknown> => p !== undefined);
  if (plugins.length > 0) decision.plugins = plugins;
  if (iterations.length > 0) decision.candidateIterations = iterations;

  const kinds = new Set<string>();
  const emits = route.emits.flatMap((emit, index) => {
    const kind = emit.kind.value;
    if (kind !== 'retention') {
      ctx.error(
        'unknown_emit',
        emit.kind.range,
        `EMIT "${kind}" is not a kind; the only kind is retention`,
      );
      return [];
    }
    if (kinds.has(kind))
      ctx.error('duplicate_emit', emit.kind.range, `EMIT ${kind} is given twice in one route`);
    kinds.add(kind);
    const emitPath = [...path, 'emits', index];
    ctx.map.set(emitPath, emit.range);
    return [{ kind, [kind]: fieldsToData(emit.fields, [...emitPath, kind], ctx) }];
  });
  if (emits.length > 0) decision.emits = emits;
  if (refs.length === 0 && route.fors.length === 0)
    ctx.warn('missing_model', route.name.range, `ROUTE "${route.name.value}" names no MODEL`);
  return { decision, cardSizes };
}

function compileModelRef(
  node: ModelRefNode,
  path: KeyPath,
  ctx: CompileContext,
  cardSizes: RouteOutput['cardSizes'],
): Record<string, unknown> {
  ctx.map.set(path, node.range);
  ctx.map.set([...path, 'model'], node.name.range);
  const ref: Record<string, unknown> = { model: node.name.value };
  for (const option of node.options) {
    const value = toData(option.value, [...path, option.key], ctx);
    if (option.key === 'param_size') {
      cardSizes.push({ model: node.name.value, value });
      continue;
    }
    const key = MODEL_OPTIONS[option.key];
    if (!key) {
      ctx.warn(
        'unknown_option',
        option.keyRange,
        `unknown model option "${option.key}" (reasoning, effort, lora, weight, param_size); it is ignored`,
      );
      continue;
    }
    ref[key] = value;
    ctx.map.set([...path, key], option.range);
  }
  // Keep upstream's key order: model, lora_name, weight, use_reasoning, reasoning_effort.
  const ordered: Record<string, unknown> = { model: ref.model };
  for (const key of ['lora_name', 'weight', 'use_reasoning', 'reasoning_effort'])
    if (key in ref) ordered[key] = ref[key];
  return ordered;
}
