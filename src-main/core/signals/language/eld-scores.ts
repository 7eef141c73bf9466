import { utf8ByteLength } from '../text-units';

// Turns eld's per-call scores into evidence totals over a whole text.
//
// eld reads at most ~380 UTF-8 bytes per call and reports, per language, its
// average n-gram score s squashed to s / (s + 25). Its n-grams are 4-byte
// windows at a stride of 3 over each letter run (capped at 70 bytes). So we
// cut the text into chunks that eld reads whole, undo the squash, and scale
// each average by the number of n-grams the chunk yields: the result
// approximates eld's summed raw score, which grows with the amount of text,
// as lingua's summed log-probabilities do upstream.

/** The part of eld's detector the language signal uses. */
export interface NgramScorer {
  detect(text: string): { getScores(): Record<string, number> };
}

/** Below eld's ~350–380-byte read limit, so it scores every chunk whole. */
export const CHUNK_BYTES = 340;
/**
 * Chunks read per text: the head and the tail. Each chunk costs one eld pass
 * (~0.1 ms on mixed prompts, measured by bench/route-bench.ts), the largest
 * part of a lite-mode route; two keep a 1 KB prompt inside the routing
 * budget and still decide a text that changes language between its start
 * and its end.
 */
export const MAX_CHUNKS = 2;
/** eld's hand-picked squash constant (`LanguageResult.js`). */
const ELD_SCALE = 25;
const WORD_CAP_BYTES = 70;

/** Whitespace-separated pieces packed into chunks of at most `CHUNK_BYTES`; long pieces are cut by code point. */
export function chunkByBytes(text: string, maxBytes: number = CHUNK_BYTES): string[] {
  const chunks: string[] = [];
  let current = '';
  let currentBytes = 0;
  const push = (piece: string, bytes: number): void => {
    if (currentBytes > 0 && currentBytes + 1 + bytes > maxBytes) {
      chunks.push(current);
      current = '';
      currentBytes = 0;
    }
    current = currentBytes > 0 ? `${current} ${piece}` : piece;
    currentBytes += (currentBytes > 0 ? 1 : 0) + bytes;
  };
  for (const piece of text.split(/\s+/u)) {
    if (piece === '') continue;
    const bytes = utf8ByteLength(piece);
    if (bytes <= maxBytes) {
      push(piece, bytes);
      continue;
    }
    let part = '';
    let partBytes = 0;
    for (const char of piece) {
      const charBytes = utf8ByteLength(char);
      if (partBytes + charBytes > maxBytes) {
        push(part, partBytes);
        part = '';
        partBytes = 0;
      }
      part += char;
      partBytes += charBytes;
    }
    if (part !== '') push(part, partBytes);
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** Roughly how many distinct n-grams eld takes from `chunk`. */
export function ngramCount(chunk: string): number {
  const words = new Set(chunk.toLowerCase().split(/[^\p{L}'’`]+/u));
  let count = 0;
  for (const word of words) {
    if (word === '') continue;
    const bytes = Math.min(utf8ByteLength(word), WORD_CAP_BYTES);
    count += bytes > 4 ? Math.ceil((bytes - 4) / 3) + 1 : 1;
  }
  return count;
}

function spread<T>(items: readonly T[], limit: number): readonly T[] {
  if (items.length <= limit) return items;
  return Array.from(
    { length: limit },
    (_, i) => items[Math.round((i * (items.length - 1)) / (limit - 1))] as T,
  );
}

/** eld code → summed raw n-gram score over the text; languages eld never scored are absent. */
export function eldTotals(scorer: NgramScorer, text: string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const chunk of spread(chunkByBytes(text), MAX_CHUNKS)) {
    const scores = scorer.detect(chunk).getScores();
    const ngrams = ngramCount(chunk);
    for (const [code, squashed] of Object.entries(scores)) {
      if (!(squashed > 0 && squashed < 1)) continue;
      const average = (ELD_SCALE * squashed) / (1 - squashed);
      totals.set(code, (totals.get(code) ?? 0) + average * ngrams);
    }
  }
  return totals;
}
