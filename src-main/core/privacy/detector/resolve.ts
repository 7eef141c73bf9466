import type { Finding, SensitiveType } from './types';

// Overlapping findings: the more confident one wins; on a tie the longer
// span, then the more specific type (checksummed and prefixed formats before
// loose shapes). Findings are grouped into runs of mutually overlapping spans
// first, so the work stays proportional to the number of findings.

const SPECIFICITY: readonly SensitiveType[] = [
  'PRIVATE_KEY',
  'JWT',
  'CONNECTION_STRING',
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'GITHUB_TOKEN',
  'GITLAB_TOKEN',
  'SLACK_TOKEN',
  'STRIPE_KEY',
  'ANTHROPIC_API_KEY',
  'OPENAI_API_KEY',
  'GOOGLE_API_KEY',
  'PASSWORD',
  'CREDIT_CARD',
  'IBAN_CODE',
  'UK_NHS',
  'UK_NINO',
  'US_SSN',
  'NATIONAL_ID',
  'PASSPORT',
  'EMAIL_ADDRESS',
  'IP_ADDRESS',
  'PHONE_NUMBER',
  'STREET_ADDRESS',
];
const RANK = new Map(SPECIFICITY.map((type, index) => [type, index]));

function better(a: Finding, b: Finding): number {
  return (
    b.confidence - a.confidence ||
    b.end - b.start - (a.end - a.start) ||
    (RANK.get(a.type) ?? 99) - (RANK.get(b.type) ?? 99) ||
    a.start - b.start
  );
}

function resolveGroup(group: Finding[], out: Finding[]): void {
  if (group.length === 1) {
    out.push(group[0] as Finding);
    return;
  }
  const kept: Finding[] = [];
  for (const candidate of [...group].sort(better)) {
    if (kept.every((k) => candidate.end <= k.start || candidate.start >= k.end))
      kept.push(candidate);
  }
  kept.sort((a, b) => a.start - b.start);
  out.push(...kept);
}

/** Non-overlapping findings sorted by start; identical duplicates collapse into one. */
export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  let group: Finding[] = [];
  let groupEnd = -1;
  for (const finding of sorted) {
    if (finding.end <= finding.start) continue;
    if (group.length > 0 && finding.start >= groupEnd) {
      resolveGroup(group, out);
      group = [];
    }
    group.push(finding);
    groupEnd = Math.max(groupEnd, finding.end);
  }
  if (group.length > 0) resolveGroup(group, out);
  return out;
}
