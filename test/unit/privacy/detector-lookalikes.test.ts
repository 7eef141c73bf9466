import { describe, expect, it } from 'vitest';
import { detectSensitive } from '../../../src-main/core/privacy/detector/detector';
import type { Finding } from '../../../src-main/core/privacy/detector/detector';
import { LOOKALIKES } from '../../fixtures/privacy/lookalikes';
import { POSITIVES } from '../../fixtures/privacy/positives';

// Precision and recall of the deterministic detector on corpora written for
// this project.
//
// Thresholds, and why:
// - False-positive rate at any confidence ≤ 5 %. The look-alike corpus is made
//   of near-misses on purpose (order numbers, ISBNs, versions, hashes…) and
//   ends with a "hard case" group the patterns cannot always separate; on
//   ordinary prompts the rate is far lower. A false positive keeps a request
//   on a local lane and masks a harmless string: the safe direction.
// - False-positive rate at confidence ≥ 0.7 ≤ 2 %: 0.7 is where a routing
//   rule would sensibly set its threshold, and there a look-alike should
//   almost never pass.
// - Recall ≥ 95 % with exact type and span: masking is only useful when the
//   whole value is covered.

const MAX_FALSE_POSITIVE_RATE = 0.05;
const MAX_FALSE_POSITIVE_RATE_AT_0_7 = 0.02;
const MIN_RECALL = 0.95;

const percent = (rate: number) => `${(rate * 100).toFixed(2)} %`;

function describeFinding(text: string, f: Finding): string {
  return `${f.type}@${f.confidence} ${JSON.stringify(text.slice(f.start, f.end))}`;
}

describe('detector precision on look-alikes', () => {
  const results = LOOKALIKES.map((item) => ({ item, findings: detectSensitive(item.text) }));
  const flagged = results.filter((r) => r.findings.length > 0);
  const flaggedAt07 = results.filter((r) => r.findings.some((f) => f.confidence >= 0.7));
  const rate = flagged.length / LOOKALIKES.length;
  const rateAt07 = flaggedAt07.length / LOOKALIKES.length;

  it('has at least 150 look-alikes across the kinds the issue names', () => {
    expect(LOOKALIKES.length).toBeGreaterThanOrEqual(150);
    const kinds = new Set(LOOKALIKES.map((item) => item.kind));
    for (const kind of ['order number', 'ISBN', 'timestamp or date', 'version string', 'semver'])
      expect(kinds).toContain(kind);
    for (const kind of ['hash or id in code', 'UUID or generated id', 'tracking number'])
      expect(kinds).toContain(kind);
    for (const kind of ['invoice id', 'port or host', 'math expression', 'CSS', 'base64 image'])
      expect(kinds).toContain(kind);
    expect(kinds).toContain('at-sign in code');
  });

  it(`keeps the false-positive rate at or below ${percent(MAX_FALSE_POSITIVE_RATE)}`, () => {
    const lines = flagged.map(
      (r) =>
        `  [${r.item.kind}] ${JSON.stringify(r.item.text)} -> ${r.findings.map((f) => describeFinding(r.item.text, f)).join(', ')}`,
    );
    console.log(
      `Detector false-positive rate: ${flagged.length}/${LOOKALIKES.length} = ${percent(rate)} ` +
        `(at confidence >= 0.7: ${flaggedAt07.length}/${LOOKALIKES.length} = ${percent(rateAt07)})\n` +
        lines.join('\n'),
    );
    expect(rate).toBeLessThanOrEqual(MAX_FALSE_POSITIVE_RATE);
  });

  it(`keeps the false-positive rate at confidence >= 0.7 at or below ${percent(MAX_FALSE_POSITIVE_RATE_AT_0_7)}`, () => {
    expect(rateAt07).toBeLessThanOrEqual(MAX_FALSE_POSITIVE_RATE_AT_0_7);
  });

  it('flags none of the version strings, hashes, UUIDs or code at-signs', () => {
    const strict = [
      'version string',
      'semver',
      'hash or id in code',
      'UUID or generated id',
      'at-sign in code',
    ];
    const strictFlagged = flagged.filter((r) => strict.includes(r.item.kind));
    expect(strictFlagged.map((r) => r.item.text)).toEqual([]);
  });
});

describe('detector recall on true items', () => {
  const outcomes = POSITIVES.map((item) => {
    const start = item.text.indexOf(item.value);
    const findings = detectSensitive(item.text);
    const hit = findings.some(
      (f) => f.type === item.type && f.start === start && f.end === start + item.value.length,
    );
    return { item, findings, hit };
  });
  const hits = outcomes.filter((o) => o.hit).length;
  const recall = hits / POSITIVES.length;

  it('has at least 100 true items, each value present in its text', () => {
    expect(POSITIVES.length).toBeGreaterThanOrEqual(100);
    for (const item of POSITIVES) expect(item.text).toContain(item.value);
  });

  it(`finds at least ${percent(MIN_RECALL)} of them with exact type and span`, () => {
    const misses = outcomes
      .filter((o) => !o.hit)
      .map(
        (o) =>
          `  [${o.item.type}] ${JSON.stringify(o.item.text)} -> ${o.findings.map((f) => describeFinding(o.item.text, f)).join(', ') || 'nothing'}`,
      );
    console.log(
      `Detector recall: ${hits}/${POSITIVES.length} = ${percent(recall)}\n${misses.join('\n')}`,
    );
    expect(recall).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it('covers every type the detector reports', () => {
    const types = new Set(POSITIVES.map((item) => item.type));
    expect(types.size).toBe(24);
  });
});
