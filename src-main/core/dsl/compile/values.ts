import type { KeyPath } from '../../config/diagnostics';
import type { Field, Value } from '../syntax/ast';
import type { CompileContext } from './context';

// DSL values → plain data. A bare identifier reads as a string; a repeated
// key keeps the last value (as upstream) and says so.

export function toData(value: Value, path: KeyPath, ctx: CompileContext): unknown {
  ctx.map.set(path, value.range);
  switch (value.kind) {
    case 'string':
    case 'ident':
    case 'number':
    case 'bool':
      return value.value;
    case 'list':
      return value.items.map((item, index) => toData(item, [...path, index], ctx));
    case 'object':
      return fieldsToData(value.fields, path, ctx);
  }
}

export function fieldsToData(
  fields: readonly Field[],
  path: KeyPath,
  ctx: CompileContext,
  skip: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (skip.has(field.key)) continue;
    if (Object.hasOwn(out, field.key))
      ctx.warn(
        'duplicate_field',
        field.keyRange,
        `"${field.key}" is given twice; the last one counts`,
      );
    out[field.key] = toData(field.value, [...path, field.key], ctx);
    ctx.map.set([...path, field.key], field.keyRange);
  }
  return out;
}

/** The field's value when it is a string (or bare identifier). */
export function stringField(fields: readonly Field[], key: string): string | undefined {
  const field = [...fields].reverse().find((f) => f.key === key);
  if (!field) return undefined;
  return field.value.kind === 'string' || field.value.kind === 'ident'
    ? field.value.value
    : undefined;
}

export function findField(fields: readonly Field[], key: string): Field | undefined {
  return [...fields].reverse().find((f) => f.key === key);
}
