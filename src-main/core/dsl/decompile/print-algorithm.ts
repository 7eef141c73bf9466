import type { Algorithm } from '../../config/schema/decisions';
import { fieldLine, isPlainObject, layoutEntries, printValue } from './print-value';

// A route's `ALGORITHM <type> { … }` item (upstream DSL §4.6). The fields are
// the type's sub-object plus `on_error`, printed with sorted keys. Upstream
// stores `on_error` inside the sub-object for confidence, ratings and remom
// and at the top for the others; either placement in the YAML prints the
// same field, and the sub-object's value wins when both are written.

export function printAlgorithm(algorithm: Algorithm | undefined): string {
  const type = algorithm?.type;
  if (!algorithm || !type) return '';
  const sub: unknown = algorithm[type];
  const fields: Record<string, unknown> = isPlainObject(sub) ? { ...sub } : {};
  fields['on_error'] = fields['on_error'] ?? algorithm.on_error;
  const entries = layoutEntries(fields, { skip: 'empty' });
  if (entries.length === 0) return `  ALGORITHM ${type}\n`;
  const lines = entries.map(([key, value]) => fieldLine('    ', key, printValue(value))).join('');
  return `  ALGORITHM ${type} {\n${lines}  }\n`;
}
