import type { Signals } from '../../config/schema/signals';
import type { SignalType } from '../../signals/signal-types';
import { SIGNAL_INFO } from '../../signals/signal-types';
import {
  FREE_FORM_SIGNAL_TYPES,
  SIGNAL_FIELDS,
  SIGNAL_OBJECT_FIELDS,
  SIGNAL_PRINT_ORDER,
  STRING_SIGNAL_FIELDS,
} from '../field-order';
import type { BlockField } from './layout';
import { block } from './layout';
import { printRuleObject } from './print-rules';
import type { PlainObject } from './print-value';
import {
  isPlainObject,
  layoutEntries,
  printList,
  printObject,
  printValue,
  quoteName,
  quoteString,
} from './print-value';

// `SIGNAL <type> <name> { … }` blocks, by type in the fixed print order and
// within a type in the config's order (upstream DSL §4.2, §7).

function printTypedObject(value: unknown, order: readonly string[]): string {
  const one = (item: unknown) =>
    isPlainObject(item)
      ? printObject(item, { order, extras: false, skip: 'empty' })
      : printValue(item);
  return Array.isArray(value) ? printList(value, one) : one(value);
}

function printSignalField(type: SignalType, key: string, value: unknown): string {
  if (STRING_SIGNAL_FIELDS[type]?.includes(key) && typeof value !== 'object') {
    return quoteString(String(value));
  }
  if (type === 'complexity' && key === 'composer') return printRuleObject(value);
  const objectOrder = SIGNAL_OBJECT_FIELDS[type]?.[key];
  return objectOrder ? printTypedObject(value, objectOrder) : printValue(value);
}

/** One SIGNAL block for a rule of the given type. */
export function printSignal(type: SignalType, rule: PlainObject): string {
  const { name, ...payload } = rule;
  const fields = layoutEntries(payload, {
    order: SIGNAL_FIELDS[type],
    extras: FREE_FORM_SIGNAL_TYPES.includes(type),
    skip: 'zero',
  }).map(([key, value]): BlockField => [key, printSignalField(type, key, value)]);
  return block(`SIGNAL ${type} ${quoteName(String(name ?? ''))}`, fields);
}

/** Every signal of a profile, as consecutive SIGNAL blocks. */
export function printSignals(signals: Signals | undefined): string {
  if (!signals) return '';
  let out = '';
  for (const type of SIGNAL_PRINT_ORDER) {
    const rules: unknown = signals[SIGNAL_INFO[type].configKey];
    if (!Array.isArray(rules)) continue;
    for (const rule of rules) if (isPlainObject(rule)) out += printSignal(type, rule);
  }
  return out;
}
