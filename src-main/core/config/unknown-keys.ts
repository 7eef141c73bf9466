import { z } from 'zod';
import type { KeyPath } from './diagnostics';

/**
 * Walks a value alongside its zod schema and reports keys the schema does
 * not name. Loose objects keep such keys, so nothing is lost; this is how
 * the author learns of a typo. Open records (free-form settings) are not
 * walked.
 */
export function findUnknownKeys(schema: z.ZodType, value: unknown, path: KeyPath = []): KeyPath[] {
  const found: KeyPath[] = [];
  walk(schema, value, path, found);
  return found;
}

function walk(schema: z.ZodType, value: unknown, path: KeyPath, found: KeyPath[]): void {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    if (!isPlainObject(value)) return;
    const shape = inner.shape as Record<string, z.ZodType>;
    for (const [key, child] of Object.entries(value)) {
      const childSchema = shape[key];
      if (childSchema) walk(childSchema, child, [...path, key], found);
      else found.push([...path, key]);
    }
  } else if (inner instanceof z.ZodArray) {
    if (!Array.isArray(value)) return;
    value.forEach((item, index) => walk(inner.element as z.ZodType, item, [...path, index], found));
  } else if (inner instanceof z.ZodUnion) {
    // Walk the first option the value satisfies; a value no option accepts
    // is a schema error reported elsewhere.
    const option = (inner.options as z.ZodType[]).find((o) => o.safeParse(value).success);
    if (option) walk(option, value, path, found);
  } else if (inner instanceof z.ZodRecord) {
    const valueSchema = inner._zod.def.valueType as z.ZodType;
    if (!isPlainObject(value) || unwrap(valueSchema) instanceof z.ZodUnknown) return;
    for (const [key, child] of Object.entries(value))
      walk(valueSchema, child, [...path, key], found);
  }
}

// A lazy schema's getter builds its schema anew on every call; resolve each once.
const resolvedLazies = new WeakMap<z.ZodType, z.ZodType>();

function resolveLazy(lazy: z.ZodLazy): z.ZodType {
  let resolved = resolvedLazies.get(lazy);
  if (!resolved) {
    resolved = lazy._zod.def.getter() as z.ZodType;
    resolvedLazies.set(lazy, resolved);
  }
  return resolved;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodDefault) {
      current = current._zod.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodLazy) {
      current = resolveLazy(current);
    } else {
      return current;
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
