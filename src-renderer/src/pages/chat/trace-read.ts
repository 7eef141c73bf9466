// Reading the routing trace kept with a record: it crosses the contract as
// plain JSON, so each field is checked before it is shown.

export type Json = Record<string, unknown>;

export function objectAt(value: unknown, key: string): Json | null {
  const inner = typeof value === 'object' && value !== null ? (value as Json)[key] : undefined;
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner)
    ? (inner as Json)
    : null;
}

export function stringAt(value: Json | null, key: string): string | null {
  const inner = value?.[key];
  return typeof inner === 'string' ? inner : null;
}

export function numberAt(value: Json | null, key: string): number | null {
  const inner = value?.[key];
  return typeof inner === 'number' && Number.isFinite(inner) ? inner : null;
}

export function stringsAt(value: Json | null, key: string): string[] {
  const inner = value?.[key];
  return Array.isArray(inner)
    ? inner.filter((item): item is string => typeof item === 'string')
    : [];
}

export function objectsAt(value: Json | null, key: string): Json[] {
  const inner = value?.[key];
  return Array.isArray(inner)
    ? inner.filter((item): item is Json => typeof item === 'object' && item !== null)
    : [];
}

/** `0.87` as `87%`. */
export function percent(value: number | null): string | null {
  return value === null ? null : `${Math.round(value * 100)}%`;
}
