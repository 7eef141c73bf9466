import type { KeyPath } from '../../config/diagnostics';
import { closest } from '../../config/validate/models';
import { ALGORITHM_TYPES } from '../../decisions/algorithm-types';
import { PLUGIN_TYPES, canonicalPluginType } from '../../decisions/plugin-types';
import { ALGORITHMS_WITH_INNER_ON_ERROR } from '../field-order';
import type { AlgorithmNode, PluginDecl, PluginRefNode } from '../syntax/ast';
import type { CompileContext } from './context';
import { fieldsToData } from './values';

// PLUGIN references and templates, and ALGORITHM blocks.

/** Types without a settings block of their own. */
const BARE_ALGORITHMS = new Set(['static', 'knn', 'kmeans', 'mlp', 'svm']);
const INNER_ON_ERROR: ReadonlySet<string> = new Set(ALGORITHMS_WITH_INNER_ON_ERROR);

export type Templates = Map<string, PluginDecl>;

export function compilePluginRef(
  ref: PluginRefNode,
  templates: Templates,
  path: KeyPath,
  ctx: CompileContext,
): Record<string, unknown> | undefined {
  ctx.map.set(path, ref.range);
  ctx.map.set([...path, 'type'], ref.name.range);
  const template = templates.get(ref.name.value);
  const configPath = [...path, 'configuration'];
  if (template) {
    const type = canonicalPluginType(template.pluginType.value) ?? template.pluginType.value;
    const base = fieldsToData(template.fields, configPath, ctx);
    const overrides = fieldsToData(ref.fields, configPath, ctx);
    return { type, configuration: { ...base, ...overrides } };
  }
  const type = canonicalPluginType(ref.name.value);
  if (!type) {
    const known = [...PLUGIN_TYPES, ...templates.keys()];
    const best = closest(ref.name.value, known);
    ctx.error(
      'unknown_plugin',
      ref.name.range,
      `"${ref.name.value}" is neither a plugin template nor a plugin type${best ? `; did you mean "${best}"?` : ''}`,
      best ? { description: `Replace with ${best}`, newText: best } : undefined,
    );
    return undefined;
  }
  return { type, configuration: fieldsToData(ref.fields, configPath, ctx) };
}

export function compileAlgorithm(
  node: AlgorithmNode,
  path: KeyPath,
  ctx: CompileContext,
): Record<string, unknown> | undefined {
  const type = node.type.value;
  ctx.map.set(path, node.range);
  ctx.map.set([...path, 'type'], node.type.range);
  if (!(ALGORITHM_TYPES as readonly string[]).includes(type)) {
    const best = closest(type, ALGORITHM_TYPES);
    ctx.error(
      'unknown_algorithm',
      node.type.range,
      `unknown algorithm type "${type}"${best ? `; did you mean "${best}"?` : ''}`,
      best ? { description: `Replace with ${best}`, newText: best } : undefined,
    );
    return undefined;
  }
  const onError = node.fields.filter((f) => f.key === 'on_error');
  const settings = fieldsToData(node.fields, [...path, type], ctx, new Set(['on_error']));
  const top = fieldsToData(onError, path, ctx);
  if (BARE_ALGORITHMS.has(type)) {
    if (Object.keys(settings).length > 0)
      ctx.warn(
        'ignored_field',
        node.range,
        `the ${type} algorithm takes no settings; they are ignored`,
      );
    return { type, ...top };
  }
  if (INNER_ON_ERROR.has(type)) return { type, [type]: { ...settings, ...top } };
  return { type, [type]: settings, ...top };
}
