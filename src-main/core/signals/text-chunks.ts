import { isCjkCodePoint } from './text-units';

// Jailbreak and PII read the whole text, not the 2048-rune semantic sample,
// so long texts are cut into overlapping chunks that fit a classifier's
// window (reference §2.0, upstream-probes §8.2). Budgets are in
// "quarter-token" units: a CJK rune ≈ 1.5 tokens = 6 units, any other rune
// ≈ ¼ token = 1 unit. Chunks overlap by 64 runes so an entity or a phrase cut
// at one edge is seen whole in the neighbour — but by at most half a chunk,
// so dense CJK text still advances.

/** ≈384 tokens per jailbreak chunk. */
export const JAILBREAK_CHUNK_UNITS = 1536;
/** ≈128 tokens per PII chunk. */
export const PII_CHUNK_UNITS = 512;
export const CHUNK_OVERLAP_RUNES = 64;
export const CJK_RUNE_UNITS = 6;

export interface TextChunk {
  text: string;
  /** UTF-16 offset of the chunk in the original text. */
  start: number;
}

function runeUnits(rune: string): number {
  return isCjkCodePoint(rune.codePointAt(0) ?? 0) ? CJK_RUNE_UNITS : 1;
}

/**
 * Cuts `text` into chunks of at most `budgetUnits` units (a single rune over
 * budget still makes a chunk). A cut prefers the last whitespace in the final
 * quarter of a chunk so words stay whole. Blank text gives no chunks.
 */
export function chunkText(
  text: string,
  budgetUnits: number,
  overlapRunes: number = CHUNK_OVERLAP_RUNES,
): TextChunk[] {
  if (text.trim() === '') return [];
  const runes = Array.from(text);
  const offsets: number[] = [];
  let offset = 0;
  for (const rune of runes) {
    offsets.push(offset);
    offset += rune.length;
  }
  offsets.push(offset);
  const offsetAt = (i: number): number => offsets[i] ?? text.length;

  const chunks: TextChunk[] = [];
  let start = 0;
  while (start < runes.length) {
    let end = start;
    let units = 0;
    while (end < runes.length) {
      const cost = runeUnits(runes[end] ?? '');
      if (end > start && units + cost > budgetUnits) break;
      units += cost;
      end += 1;
    }
    if (end < runes.length) {
      const floor = start + Math.ceil(((end - start) * 3) / 4);
      for (let i = end - 1; i >= floor; i--) {
        if (/\s/u.test(runes[i] ?? '')) {
          end = i + 1;
          break;
        }
      }
    }
    chunks.push({ text: text.slice(offsetAt(start), offsetAt(end)), start: offsetAt(start) });
    if (end >= runes.length) break;
    const overlap = Math.min(Math.max(0, overlapRunes), Math.floor((end - start) / 2));
    start = Math.max(start + 1, end - overlap);
  }
  return chunks;
}
