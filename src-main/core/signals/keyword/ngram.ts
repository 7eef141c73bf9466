// `method: ngram`: character n-gram similarity, as the `ngrammatic` crate
// upstream uses computes it. A string is padded with arity − 1 spaces on
// each side and cut into overlapping n-grams (a multiset). For two strings,
// same = Σ min(count) over shared grams, all = grams(a) + grams(b) − same,
// and similarity = (all² − (all − same)²) / all² (the crate's default
// "warp" of 2, a Jaccard overlap bent upwards). All in 32-bit floats.
//
// Upstream searches every word of the text (split on anything but letters,
// digits, `_` and `-`) and then the whole text against the keywords, each
// search keeping at most 10 results at or above the threshold.

export const DEFAULT_NGRAM_THRESHOLD = 0.4;
export const DEFAULT_NGRAM_ARITY = 3;
const SEARCH_LIMIT = 10;

const WORD = /[\p{Alphabetic}\p{N}_-]+/gu;
const f32 = Math.fround;

export interface Grams {
  /** Gram → occurrences. */
  counts: Map<string, number>;
  total: number;
}

export function gramsOf(text: string, arity: number): Grams {
  const pad = ' '.repeat(arity - 1);
  const chars = Array.from(pad + text + pad);
  const counts = new Map<string, number>();
  for (let i = 0; i + arity <= chars.length; i++) {
    const gram = chars.slice(i, i + arity).join('');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return { counts, total: Math.max(0, chars.length - arity + 1) };
}

/** The crate's similarity of two gram multisets (warp 2). */
export function ngramSimilarity(a: Grams, b: Grams): number {
  let same = 0;
  for (const [gram, count] of a.counts) same += Math.min(count, b.counts.get(gram) ?? 0);
  const all = a.total + b.total - same;
  if (all <= 0) return 0;
  const allSquared = f32(all * all);
  const diff = all - same;
  return f32(f32(allSquared - f32(diff * diff)) / allSquared);
}

export function ngramWords(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(WORD), (m) => m[0]))];
}

export interface NgramHit {
  text: string;
  similarity: number;
}

/** The distinct keyword texts of one rule. */
export class NgramCorpus {
  private readonly entries: Array<{ text: string; grams: Grams }>;

  constructor(
    texts: readonly string[],
    private readonly arity: number,
  ) {
    this.entries = [...new Set(texts)].map((text) => ({ text, grams: gramsOf(text, arity) }));
  }

  /** Entries sharing a gram with `query` and at least `threshold` similar, best first, ≤ 10. */
  search(query: string, threshold: number): NgramHit[] {
    const grams = gramsOf(query, this.arity);
    const hits: NgramHit[] = [];
    for (const entry of this.entries) {
      let shares = false;
      for (const gram of grams.counts.keys()) {
        if (entry.grams.counts.has(gram)) {
          shares = true;
          break;
        }
      }
      if (!shares) continue;
      const similarity = ngramSimilarity(grams, entry.grams);
      if (similarity >= f32(threshold)) hits.push({ text: entry.text, similarity });
    }
    return hits.sort((a, b) => b.similarity - a.similarity).slice(0, SEARCH_LIMIT);
  }
}
