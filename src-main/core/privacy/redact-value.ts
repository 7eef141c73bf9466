import { detectSensitive, maskFindings } from './detector/detector';

// Masks what the detector finds (PII and secrets) in any value about to be
// logged or stored: strings are masked, arrays and plain objects are copied
// with their strings masked, everything else passes through.

const MAX_DEPTH = 6;

export function maskText(text: string): string {
  const findings = detectSensitive(text);
  return findings.length === 0 ? text : maskFindings(text, findings);
}

export function maskSensitive(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskSensitive(item, depth + 1));
  if (value instanceof Error) {
    const masked = new Error(maskText(value.message));
    masked.name = value.name;
    if (value.stack) masked.stack = maskText(value.stack);
    return masked;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, child]) => [
      key,
      maskSensitive(child, depth + 1),
    ]),
  );
}
