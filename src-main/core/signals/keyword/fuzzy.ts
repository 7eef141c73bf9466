// `fuzzy_match`: a keyword that did not match exactly still hits when some
// word of the text is within `fuzzy_threshold` edits of it. As upstream, a
// word is a run of Unicode letters and decimal digits, both sides are
// lower-cased like Go's `strings.ToLower` (per code point, no final-sigma
// rule), and the whole keyword (spaces included) is compared with each
// single word, in code points.

export const DEFAULT_FUZZY_THRESHOLD = 2;

const WORD = /[\p{L}\p{Nd}]+/gu;

/** Go's `strings.ToLower`: simple per-code-point lower-casing. */
export function goLower(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  let out = '';
  // Per code point: a lone Σ lowers to σ whatever follows, as in Go. Only
  // U+0130 İ lowers to two code points in JS; Go's simple mapping gives i.
  for (const char of text) out += char === '\u0130' ? 'i' : char.toLowerCase();
  return out;
}

/** The distinct lower-cased words of a text, as code point arrays. */
export function fuzzyWords(text: string): number[][] {
  const seen = new Set<string>();
  const words: number[][] = [];
  for (const match of text.matchAll(WORD)) {
    const word = goLower(match[0]);
    if (seen.has(word)) continue;
    seen.add(word);
    words.push(codePoints(word));
  }
  return words;
}

export function codePoints(text: string): number[] {
  return Array.from(text, (char) => char.codePointAt(0) ?? 0);
}

/** Whether the Levenshtein distance of `a` and `b` is at most `max`. */
export function withinEditDistance(
  a: readonly number[],
  b: readonly number[],
  max: number,
): boolean {
  if (max < 0) return false;
  if (Math.abs(a.length - b.length) > max) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let previous = Array.from({ length: short.length + 1 }, (_, i) => i);
  let current = new Array<number>(short.length + 1).fill(0);
  for (let j = 1; j <= long.length; j++) {
    current[0] = j;
    let rowMin = j;
    for (let i = 1; i <= short.length; i++) {
      const cost = short[i - 1] === long[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[i] ?? 0) + 1,
        (current[i - 1] ?? 0) + 1,
        (previous[i - 1] ?? 0) + cost,
      );
      current[i] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return false;
    [previous, current] = [current, previous];
  }
  return (previous[short.length] ?? 0) <= max;
}

/** Whether any word is within `max` edits of the (lower-cased) keyword. */
export function fuzzyHit(
  keyword: readonly number[],
  words: readonly number[][],
  max: number,
): boolean {
  return words.some((word) => withinEditDistance(keyword, word, max));
}
