/** What a known secret value is replaced with. */
export const REDACTED = '[redacted]';

/** Shorter values are not redacted: they would blank out ordinary words. */
export const MIN_REDACTED_LENGTH = 8;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A function that replaces every occurrence of the given secret values (and of
 * their trimmed forms) of at least 8 characters with `[redacted]`. Longer
 * values are matched first, so a value that contains another is hidden whole.
 */
export function createRedactor(values: readonly string[]): (text: string) => string {
  const candidates = new Set<string>();
  for (const value of values) {
    for (const form of [value, value.trim()])
      if (form.length >= MIN_REDACTED_LENGTH) candidates.add(form);
  }
  if (candidates.size === 0) return (text) => text;
  const sorted = [...candidates].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, REDACTED);
}

/** `text` with every known secret value of at least 8 characters replaced by `[redacted]`. */
export function redactSecrets(text: string, values: readonly string[]): string {
  return createRedactor(values)(text);
}
