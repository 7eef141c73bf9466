import { maskText } from '../privacy/redact-value';

// What a record keeps of a text: secrets and PII masked first, then cut to
// the decision's `max_body_bytes` of UTF-8 on a character boundary.

export interface Captured {
  text: string;
  truncated: boolean;
}

export function capUtf8(text: string, maxBytes: number): Captured {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return { text, truncated: false };
  let end = maxBytes;
  // Back off continuation bytes (10xxxxxx) so no character is split.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return { text: bytes.subarray(0, end).toString('utf8'), truncated: true };
}

export function capture(text: string, maxBytes: number): Captured {
  return capUtf8(maskText(text), maxBytes);
}
