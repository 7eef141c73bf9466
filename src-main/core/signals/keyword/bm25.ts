// `method: bm25`: each keyword of a rule is a document, the request text is
// the query, and keywords scoring at least the threshold hit. The scoring
// follows the Rust `bm25` crate upstream uses: k1 = 1.2, b = 0.75, avgdl
// fitted to the keywords (256 when they have no tokens), idf =
// ln(1 + (N − n + 0.5)/(n + 0.5)), every query token occurrence adds
// idf × the document's saturated term weight, all in 32-bit floats.
//
// The tokenizer is simpler than the crate's: accents are stripped and text
// lower-cased, words are runs of letters and digits, and every Han or
// hiragana character is a word of its own (the crate transliterates them to
// one syllable each). No stop words are dropped and nothing is stemmed.

export const DEFAULT_BM25_THRESHOLD = 0.1;
const K1 = 1.2;
const B = 0.75;
const FALLBACK_AVGDL = 256;

const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}])[\p{L}\p{N}])+/gu;
const MARKS = /\p{M}+/gu;

const f32 = Math.fround;

export function bm25Tokens(text: string): string[] {
  const plain = text.normalize('NFD').replace(MARKS, '').toLowerCase();
  return Array.from(plain.matchAll(TOKEN), (m) => m[0]);
}

export interface Bm25Hit {
  /** Index of the keyword (document). */
  index: number;
  score: number;
}

export class Bm25Index {
  /** Per document: token → saturated term weight. */
  private readonly weights: Array<Map<string, number>>;
  /** Token → number of documents holding it. */
  private readonly documentFrequency = new Map<string, number>();

  constructor(documents: readonly string[]) {
    const tokenized = documents.map(bm25Tokens);
    const total = tokenized.reduce((sum, tokens) => sum + tokens.length, 0);
    const fitted = documents.length === 0 ? FALLBACK_AVGDL : f32(total / documents.length);
    const avgdl = fitted > 0 ? fitted : FALLBACK_AVGDL;
    this.weights = tokenized.map((tokens) => {
      const counts = new Map<string, number>();
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      const norm = f32(K1 * f32(1 - B + f32(B * f32(tokens.length / avgdl))));
      const weights = new Map<string, number>();
      for (const [token, tf] of counts) {
        weights.set(token, f32(f32(tf * (K1 + 1)) / f32(tf + norm)));
        this.documentFrequency.set(token, (this.documentFrequency.get(token) ?? 0) + 1);
      }
      return weights;
    });
  }

  private idf(token: string): number {
    const n = this.documentFrequency.get(token) ?? 0;
    return f32(Math.log(f32(1 + f32(f32(this.weights.length - n + 0.5) / f32(n + 0.5)))));
  }

  /** Documents sharing a token with the query, best first (ties: declaration order). */
  search(query: string): Bm25Hit[] {
    const tokens = bm25Tokens(query);
    const idf = new Map<string, number>();
    const hits: Bm25Hit[] = [];
    this.weights.forEach((weights, index) => {
      let score = 0;
      let shared = false;
      for (const token of tokens) {
        const weight = weights.get(token);
        if (weight === undefined) continue;
        shared = true;
        let tokenIdf = idf.get(token);
        if (tokenIdf === undefined) {
          tokenIdf = this.idf(token);
          idf.set(token, tokenIdf);
        }
        score = f32(score + f32(tokenIdf * weight));
      }
      if (shared) hits.push({ index, score });
    });
    return hits.sort((a, b) => b.score - a.score || a.index - b.index);
  }
}
