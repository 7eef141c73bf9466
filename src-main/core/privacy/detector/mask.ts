import type { Finding } from './types';

// Redaction of findings, for logs and replay bodies.

/** `[EMAIL_ADDRESS]` for PII, `[SECRET:AWS_ACCESS_KEY]` for secrets. */
export function defaultMask(finding: Finding): string {
  return finding.category === 'secret' ? `[SECRET:${finding.type}]` : `[${finding.type}]`;
}

/**
 * `text` with each finding's span replaced by `mask(finding)`. Findings may
 * come in any order; one that overlaps an earlier-starting one is skipped, and
 * spans outside the text are clamped.
 */
export function maskFindings(
  text: string,
  findings: readonly Finding[],
  mask: (finding: Finding) => string = defaultMask,
): string {
  const ordered = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: string[] = [];
  let cursor = 0;
  for (const finding of ordered) {
    const start = Math.max(0, Math.min(finding.start, text.length));
    const end = Math.max(start, Math.min(finding.end, text.length));
    if (start < cursor || end === start) continue;
    parts.push(text.slice(cursor, start), mask(finding));
    cursor = end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}
