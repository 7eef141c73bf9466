// Case folding for case-insensitive keyword literals. Upstream compiles
// `(?i)` regexes, and Go folds by Unicode simple case folding. Lower-casing
// gets almost all of it; the characters below lower-case to themselves yet
// fold to another letter (ſ ~ s, ς ~ σ, …), so they are mapped on top.
//
// Every function here keeps UTF-16 offsets aligned with its input: a match
// found in folded text sits at the same offsets in the original text, where
// word boundaries are checked.

/** Lower-case letters that simple case folding maps to another letter. */
export const FOLD_EXTRAS: ReadonlyMap<number, number> = new Map([
  [0x00b5, 0x03bc], // µ → μ
  [0x017f, 0x0073], // ſ → s
  [0x0345, 0x03b9], // combining ypogegrammeni → ι
  [0x03c2, 0x03c3], // ς → σ
  [0x03d0, 0x03b2], // ϐ → β
  [0x03d1, 0x03b8], // ϑ → θ
  [0x03d5, 0x03c6], // ϕ → φ
  [0x03d6, 0x03c0], // ϖ → π
  [0x03f0, 0x03ba], // ϰ → κ
  [0x03f1, 0x03c1], // ϱ → ρ
  [0x03f5, 0x03b5], // ϵ → ε
  [0x1c80, 0x0432], // ᲀ → в
  [0x1c81, 0x0434], // ᲁ → д
  [0x1c82, 0x043e], // ᲂ → о
  [0x1c83, 0x0441], // ᲃ → с
  [0x1c84, 0x0442], // ᲄ → т
  [0x1c85, 0x0442], // ᲅ → т
  [0x1c86, 0x044a], // ᲆ → ъ
  [0x1c87, 0x0463], // ᲇ → ѣ
  [0x1c88, 0xa64b], // ᲈ → ꙋ
  [0x1e9b, 0x1e61], // ẛ → ṡ
  [0x1fbe, 0x03b9], // ι (prosgegrammeni) → ι
]);

/** Lower-cases one code point, keeping it when lowering would change its length (İ). */
function lowerCodePoint(char: string): string {
  const lower = char.toLowerCase();
  return lower.length === char.length ? lower : char;
}

/**
 * Lower-cases a text with offsets preserved. Native `toLowerCase` is used
 * unless it changes the length (only U+0130 İ does), then per code point.
 */
export function lowerAligned(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const char of text) out += lowerCodePoint(char);
  return out;
}

/** The folded form of a keyword: lower-cased per code point, then the extra folds. */
export function foldKeyword(keyword: string): string {
  let out = '';
  for (const char of keyword) {
    const lower = lowerCodePoint(char);
    const extra = FOLD_EXTRAS.get(lower.codePointAt(0) ?? 0);
    out += extra === undefined ? lower : String.fromCodePoint(extra);
  }
  return out;
}
