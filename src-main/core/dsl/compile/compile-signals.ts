import type { KeyPath } from '../../config/diagnostics';
import { closest } from '../../config/validate/models';
import { SIGNAL_INFO, SIGNAL_TYPES, isSignalType } from '../../signals/signal-types';
import type { ProjectionDecl, SignalDecl } from '../syntax/ast';
import type { CompileContext } from './context';
import { fieldsToData } from './values';

// SIGNAL and PROJECTION blocks → `signals.<key>[]` and `projections.*[]`.
// Fields pass through under their own names (the DSL field is the YAML key),
// so nothing a person writes is dropped; the config checks that run on the
// result say which keys are unknown or wrongly typed, at the DSL line.

const PROJECTION_KINDS: Record<string, { key: string; method?: string }> = {
  partition: { key: 'partitions' },
  score: { key: 'scores', method: 'weighted_sum' },
  mapping: { key: 'mappings', method: 'threshold_bands' },
};

export function compileSignals(
  decls: readonly SignalDecl[],
  path: KeyPath,
  ctx: CompileContext,
): Record<string, unknown[]> | undefined {
  const signals: Record<string, unknown[]> = {};
  for (const decl of decls) {
    const type = decl.type.value;
    if (!isSignalType(type)) {
      const best = closest(type, SIGNAL_TYPES);
      const note =
        type === 'projection' ? ' (projection outputs are declared with PROJECTION mapping)' : '';
      ctx.error(
        'unknown_signal_type',
        decl.type.range,
        `unknown signal type "${type}"${note}${best ? `; did you mean "${best}"?` : ''}`,
        best ? { description: `Replace with ${best}`, newText: best } : undefined,
      );
      continue;
    }
    const key = SIGNAL_INFO[type].configKey;
    const list = (signals[key] ??= []);
    const itemPath = [...path, key, list.length];
    ctx.map.set(itemPath, decl.name.range);
    ctx.map.set([...itemPath, 'name'], decl.name.range);
    const rule: Record<string, unknown> = {
      name: decl.name.value,
      ...fieldsToData(decl.fields, itemPath, ctx, new Set(['name'])),
    };
    // Upstream's compiler always states a keyword rule's case sensitivity.
    if (type === 'keyword' && rule.case_sensitive === undefined) rule.case_sensitive = false;
    list.push(rule);
  }
  return Object.keys(signals).length > 0 ? signals : undefined;
}

export function compileProjections(
  decls: readonly ProjectionDecl[],
  path: KeyPath,
  ctx: CompileContext,
): Record<string, unknown[]> | undefined {
  const out: Record<string, unknown[]> = {};
  for (const decl of decls) {
    const kind = PROJECTION_KINDS[decl.projection.value];
    if (!kind) {
      const best = closest(decl.projection.value, Object.keys(PROJECTION_KINDS));
      ctx.error(
        'unknown_projection_kind',
        decl.projection.range,
        `unknown projection kind "${decl.projection.value}" (partition, score or mapping)${best ? `; did you mean "${best}"?` : ''}`,
        best ? { description: `Replace with ${best}`, newText: best } : undefined,
      );
      continue;
    }
    const list = (out[kind.key] ??= []);
    const itemPath = [...path, kind.key, list.length];
    ctx.map.set(itemPath, decl.name.range);
    ctx.map.set([...itemPath, 'name'], decl.name.range);
    const fields = fieldsToData(decl.fields, itemPath, ctx, new Set(['name']));
    const item: Record<string, unknown> = { name: decl.name.value };
    if (decl.projection.value === 'mapping' && 'source' in fields) item.source = fields.source;
    if (kind.method !== undefined) item.method = kind.method;
    list.push({ ...item, ...fields });
  }
  const ordered: Record<string, unknown[]> = {};
  for (const { key } of Object.values(PROJECTION_KINDS)) if (out[key]) ordered[key] = out[key];
  return Object.keys(ordered).length > 0 ? ordered : undefined;
}
