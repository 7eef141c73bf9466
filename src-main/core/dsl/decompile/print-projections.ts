import type { Projections } from '../../config/schema/projections';
import type { ProjectionKind } from '../field-order';
import {
  MAPPING_CALIBRATION_FIELDS,
  MAPPING_OUTPUT_FIELDS,
  PROJECTION_FIELDS,
  SCORE_INPUT_FIELDS,
} from '../field-order';
import type { BlockField } from './layout';
import { block } from './layout';
import type { ObjectLayout, PlainObject } from './print-value';
import {
  isPlainObject,
  layoutEntries,
  printList,
  printObject,
  printValue,
  quoteName,
} from './print-value';

// `PROJECTION partition|score|mapping <name> { … }` blocks, printed after the
// signals: partitions, then scores, then mappings (upstream DSL §4.3, §7).

/**
 * Inline objects of a projection field, with a fixed key order. As upstream
 * prints them: an input's weight always, band bounds even when 0, other
 * zero values never.
 */
const TYPED_OBJECTS: Readonly<Record<string, ObjectLayout>> = {
  inputs: { order: SCORE_INPUT_FIELDS, extras: false, skip: 'zero', keep: ['type', 'weight'] },
  calibration: { order: MAPPING_CALIBRATION_FIELDS, extras: false, skip: 'zero' },
  outputs: { order: MAPPING_OUTPUT_FIELDS, extras: false, skip: 'empty' },
};

function printProjectionField(key: string, value: unknown): string {
  const layout = TYPED_OBJECTS[key];
  if (!layout) return printValue(value);
  const one = (item: unknown) =>
    isPlainObject(item) ? printObject(item, layout) : printValue(item);
  return Array.isArray(value) ? printList(value, one) : one(value);
}

function printProjection(kind: ProjectionKind, projection: PlainObject): string {
  const fields = layoutEntries(projection, {
    order: PROJECTION_FIELDS[kind],
    extras: false,
    skip: 'zero',
  }).map(([key, value]): BlockField => [key, printProjectionField(key, value)]);
  return block(`PROJECTION ${kind} ${quoteName(String(projection['name'] ?? ''))}`, fields);
}

const KINDS: readonly [ProjectionKind, keyof Projections][] = [
  ['partition', 'partitions'],
  ['score', 'scores'],
  ['mapping', 'mappings'],
];

/** Every projection of a profile, as consecutive PROJECTION blocks. */
export function printProjections(projections: Projections | undefined): string {
  if (!projections) return '';
  let out = '';
  for (const [kind, key] of KINDS) {
    const items: unknown = projections[key];
    if (!Array.isArray(items)) continue;
    for (const item of items) if (isPlainObject(item)) out += printProjection(kind, item);
  }
  return out;
}
