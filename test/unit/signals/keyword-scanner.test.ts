import { describe, expect, it } from 'vitest';
import {
  FOLD_EXTRAS,
  foldKeyword,
  lowerAligned,
} from '../../../src-main/core/signals/keyword/case-fold';
import { LiteralScanner } from '../../../src-main/core/signals/keyword/literal-scanner';
import {
  isWordBoundary,
  literalNeedsBoundaries,
} from '../../../src-main/core/signals/keyword/word-boundary';

/** Every occurrence the scanner reports when no occurrence is accepted. */
function scannerOccurrences(patterns: string[], text: string): string[] {
  const found: string[] = [];
  new LiteralScanner(patterns).scan(text, (pattern, start, end) => {
    expect(text.slice(start, end)).toBe(patterns[pattern]);
    found.push(`${pattern}@${start}`);
    return false;
  });
  return found.sort();
}

function naiveOccurrences(patterns: string[], text: string): string[] {
  const found: string[] = [];
  patterns.forEach((pattern, id) => {
    for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
      found.push(`${id}@${at}`);
    }
  });
  return found.sort();
}

/** A small deterministic generator, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('LiteralScanner', () => {
  it('reports every occurrence of every pattern, overlapping ones included', () => {
    const patterns = ['he', 'she', 'his', 'hers', 'stack', 'stack trace', 'trace', '错了', '了吗'];
    const text = 'ushers: his stack trace, she said 这是错了吗';
    expect(scannerOccurrences(patterns, text)).toEqual(naiveOccurrences(patterns, text));
  });

  it('agrees with a naive search on random ASCII, CJK and surrogate-pair text', () => {
    const alphabet = ['a', 'b', 'c', ' ', '.', 'é', '中', '文', '😀'];
    const next = random(42);
    const pick = (length: number) =>
      Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let round = 0; round < 200; round++) {
      const patterns = [
        ...new Set(
          Array.from({ length: 1 + Math.floor(next() * 12) }, () =>
            pick(1 + Math.floor(next() * 4)),
          ),
        ),
      ];
      const text = pick(Math.floor(next() * 80));
      expect(scannerOccurrences(patterns, text)).toEqual(naiveOccurrences(patterns, text));
    }
  });

  it('stops reporting a pattern once an occurrence is accepted', () => {
    const seen: number[] = [];
    new LiteralScanner(['ab']).scan('ab ab ab', (_pattern, start) => {
      seen.push(start);
      return start === 3;
    });
    expect(seen).toEqual([0, 3]);
  });

  it('lets aliased code units match like their targets', () => {
    const found: number[] = [];
    new LiteralScanner(['sdk'], FOLD_EXTRAS).scan('ſdk', (_p, start) => {
      found.push(start);
      return true;
    });
    expect(found).toEqual([0]);
  });

  it('rejects empty patterns', () => {
    expect(() => new LiteralScanner([''])).toThrow();
  });
});

describe('case folding', () => {
  it('keeps UTF-16 offsets aligned', () => {
    const text = 'İstanbul ΣΟΦΙΑ Straße';
    expect(lowerAligned(text)).toHaveLength(text.length);
    expect(lowerAligned(text)).toBe('İstanbul σοφια straße');
    expect(foldKeyword('ΟΔΟΣ ſ')).toBe('οδοσ s');
  });

  it('only adds folds that JS simple case folding also makes', () => {
    for (const [from, to] of FOLD_EXTRAS) {
      const target = String.fromCodePoint(to).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(new RegExp(`^${target}$`, 'iu').test(String.fromCodePoint(from))).toBe(true);
    }
  });
});

describe('word boundaries', () => {
  it('follows RE2 ASCII \\b', () => {
    expect(isWordBoundary('a b', 1)).toBe(true);
    expect(isWordBoundary('ab', 1)).toBe(false);
    expect(isWordBoundary('ab', 0)).toBe(true);
    expect(isWordBoundary('ab', 2)).toBe(true);
    expect(isWordBoundary('é ', 1)).toBe(false);
    expect(isWordBoundary('_a', 1)).toBe(false);
  });

  it('classifies keywords like upstream', () => {
    expect(literalNeedsBoundaries('stack')).toBe(true);
    expect(literalNeedsBoundaries('c++')).toBe(true);
    expect(literalNeedsBoundaries('café')).toBe(true);
    expect(literalNeedsBoundaries('_')).toBe(true);
    expect(literalNeedsBoundaries('内部 SDK')).toBe(false);
    expect(literalNeedsBoundaries('𠀀x')).toBe(false); // CJK extension B is Han too
    expect(literalNeedsBoundaries('???')).toBe(false);
  });
});
