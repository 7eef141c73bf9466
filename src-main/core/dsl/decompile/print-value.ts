// DSL literals as the canonical printout writes them (upstream DSL §2, §7):
// strings quoted like Go's %q, numbers in plain decimal, names bare when the
// lexer reads them as one identifier, objects inline as `{ k: v, … }`.

import { RESERVED_WORDS } from '../syntax/tokens';

/** A plain YAML-shaped value. */
export type PlainObject = Record<string, unknown>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_\-./]*$/;

const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');

/** A double-quoted string literal, escaped the way Go's `%q` does (printable Unicode kept as is). */
export function quoteString(value: string): string {
  let out = '"';
  for (const char of value) {
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) {
      out += short;
      continue;
    }
    if (GO_PRINTABLE.test(char)) {
      out += char;
      continue;
    }
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return `${out}"`;
}

/** The shortest decimal that reads back as `value`, never in exponent form (the lexer has none). */
export function formatNumber(value: number): string {
  const text = String(value);
  if (!Number.isFinite(value) || !/e/i.test(text)) return text;
  const [mantissa = '', exponentText = '0'] = text.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const unsigned = negative ? mantissa.slice(1) : mantissa;
  const point = unsigned.includes('.') ? unsigned.indexOf('.') : unsigned.length;
  const digits = unsigned.replace('.', '');
  const shifted = point + Number(exponentText);
  let plain: string;
  if (shifted <= 0) plain = `0.${'0'.repeat(-shifted)}${digits}`;
  else if (shifted >= digits.length) plain = digits + '0'.repeat(shifted - digits.length);
  else plain = `${digits.slice(0, shifted)}.${digits.slice(shifted)}`;
  return negative ? `-${plain}` : plain;
}

/** True when `text` lexes as one identifier and is no keyword. */
export function isBareName(text: string): boolean {
  return IDENTIFIER.test(text) && !RESERVED_WORDS.has(text);
}

/** A declaration name: bare when it is an identifier, quoted otherwise (`"computer science"`). */
export function quoteName(name: string): string {
  return isBareName(name) ? name : quoteString(name);
}

/** An object key: keys are identifiers in the grammar; anything else is quoted as a best effort. */
function printKey(key: string): string {
  return IDENTIFIER.test(key) ? key : quoteString(key);
}

export const isPlainObject = (value: unknown): value is PlainObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Absent for printing purposes: missing, null, an empty string or an empty list. */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** A list: `[a, b]`, each item printed by `item` (default: printValue). */
export function printList(
  items: readonly unknown[],
  item: (value: unknown) => string = printValue,
): string {
  return `[${items
    .filter((value) => value != null)
    .map(item)
    .join(', ')}]`;
}

/** A scalar, list or object; objects print inline with sorted keys. */
export function printValue(value: unknown): string {
  if (typeof value === 'string') return quoteString(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return printList(value);
  if (isPlainObject(value)) return printObject(value);
  return quoteString(String(value));
}

/** Which values a layout leaves out besides missing ones. */
export type Skip = 'nullish' | 'empty' | 'zero';

export interface ObjectLayout {
  /** Keys printed first, in this order. */
  order?: readonly string[];
  /** Whether keys not in `order` are printed (sorted, after the ordered ones). Default: true. */
  extras?: boolean;
  /**
   * What else is left out: `nullish` (default) only null; `empty` also empty
   * strings and lists; `zero` also 0 and false, as upstream's typed structs
   * omit their zero values.
   */
  skip?: Skip;
  /** Keys printed whenever they are present, whatever `skip` says. */
  keep?: readonly string[];
  /** Printer for one key's value (default: printValue). */
  print?: (key: string, value: unknown) => string;
}

const SKIPS: Readonly<Record<Skip, (value: unknown) => boolean>> = {
  nullish: (value) => value == null,
  empty: isEmptyValue,
  zero: (value) => isEmptyValue(value) || value === 0 || value === false,
};

/** The key/value pairs of `object` that a layout prints, in print order. */
export function layoutEntries(object: PlainObject, layout: ObjectLayout = {}): [string, unknown][] {
  const order = layout.order ?? [];
  const keys = order.filter((key) => Object.hasOwn(object, key));
  if (layout.extras !== false) {
    const listed = new Set(order);
    keys.push(
      ...Object.keys(object)
        .filter((key) => !listed.has(key))
        .sort(compareText),
    );
  }
  const skip = SKIPS[layout.skip ?? 'nullish'];
  const keep = new Set(layout.keep ?? []);
  return keys
    .map((key): [string, unknown] => [key, object[key]])
    .filter(([key, value]) => (keep.has(key) ? value != null : !skip(value)));
}

/** An inline object: `{ k: v, k2: v2 }` (`{}` when nothing is left to print). */
export function printObject(object: PlainObject, layout: ObjectLayout = {}): string {
  const print = layout.print ?? ((_key: string, value: unknown) => printValue(value));
  const parts = layoutEntries(object, layout).map(
    ([key, value]) => `${printKey(key)}: ${print(key, value)}`,
  );
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

/** A `key: value` field line at `indent`. */
export function fieldLine(indent: string, key: string, printed: string): string {
  return `${indent}${printKey(key)}: ${printed}\n`;
}

/** Orders text by code point, as Go orders strings (byte order of UTF-8). */
export function compareText(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const diff = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
