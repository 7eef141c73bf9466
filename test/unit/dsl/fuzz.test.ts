import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileDsl } from '../../../src-main/core/dsl/compile-dsl';
import { HAS_SHARED, readShared } from '../../support/shared-recipes';

// 10,000 mutated DSL files through the whole compiler: none may throw or
// hang, and every diagnostic must point inside the file. The seeds are
// windows of a few declarations from real recipes (Homelane's own, and
// upstream's when they sit beside the checkout), so mutations land in
// realistic text; the mutations are seeded and repeatable.

const FILES = 10_000;
const PIECES = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '"',
  ':',
  ',',
  '=',
  '->',
  '#',
  '\n',
  ' AND ',
  ' OR ',
  'NOT ',
  'ROUTE ',
  'SIGNAL ',
  'WHEN ',
  'MODEL ',
  'PLUGIN ',
  'RECIPE x {',
  'DECISION_TREE t {',
  'IF ',
  'ELSE ',
  '-',
  '+1',
  '0.5',
  '\\',
  '\u00e9',
  '\u{1F600}',
  '\u0000',
  '\t',
  'true',
  'projection("',
  'keyword(k)',
];

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function windows(text: string): string[] {
  const blocks = text.split(
    /\n(?=(?:SIGNAL|PROJECTION|MODEL|PLUGIN|ROUTE|ROUTING|RECIPE|ENTRYPOINT|TEST|DECISION_TREE)\b)/,
  );
  const out: string[] = [];
  for (let start = 0; start < blocks.length; start += 2)
    out.push(blocks.slice(start, start + 4).join('\n'));
  return out;
}

function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i += 1) {
    const at = Math.floor(random() * (out.length + 1));
    const span = Math.floor(random() * 12);
    switch (Math.floor(random() * 6)) {
      case 0: // delete a span
        out = out.slice(0, at) + out.slice(at + span);
        break;
      case 1: // insert a piece of syntax
        out = out.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + out.slice(at);
        break;
      case 2: // duplicate a span
        out = out.slice(0, at) + out.slice(at, at + span * 4) + out.slice(at);
        break;
      case 3: // swap two characters
        out = out.slice(0, at) + (out[at + 1] ?? '') + (out[at] ?? '') + out.slice(at + 2);
        break;
      case 4: // truncate
        out = out.slice(0, at);
        break;
      default: // a random code point
        out =
          out.slice(0, at) + String.fromCodePoint(Math.floor(random() * 0x3000)) + out.slice(at);
    }
  }
  return out;
}

function seeds(): string[] {
  const own = readFileSync(new URL('../../../recipes/privacy/recipe.dsl', import.meta.url), 'utf8');
  const texts = [own];
  if (HAS_SHARED) texts.push(readShared('balance/recipe.dsl'), readShared('privacy/recipe.dsl'));
  return texts.flatMap(windows);
}

describe('fuzzing the DSL compiler', () => {
  it(`survives ${FILES.toLocaleString('en')} mutated files, locating every error inside the file`, () => {
    const random = prng(9);
    const pool = seeds();
    let withErrors = 0;
    let slowest = 0;
    for (let i = 0; i < FILES; i += 1) {
      const source = mutate(pool[Math.floor(random() * pool.length)] as string, random);
      const lines = source.split('\n');
      const started = performance.now();
      const result = compileDsl(source, 'fuzz.dsl');
      slowest = Math.max(slowest, performance.now() - started);
      if (result.diagnostics.some((d) => d.severity !== 'warning')) withErrors += 1;
      for (const d of result.diagnostics) {
        const context = `${d.code} ${d.message}\n--- file ${i} ---\n${source}`;
        expect(d.line, context).toBeGreaterThanOrEqual(1);
        expect(d.line, context).toBeLessThanOrEqual(lines.length);
        const width = (lines[(d.line ?? 1) - 1] as string).length;
        expect(d.column, context).toBeGreaterThanOrEqual(1);
        expect(d.column, context).toBeLessThanOrEqual(width + 1);
      }
    }
    // The mutations must actually break files (else the test proves nothing),
    // and no single file may take long enough to count as a hang.
    expect(withErrors).toBeGreaterThan(FILES / 3);
    expect(slowest).toBeLessThan(2000);
  }, 120_000);
});
