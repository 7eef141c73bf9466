// Script-aware text measures shared by the deterministic families: CJK
// detection, the multilingual unit count behind structure `density`, UTF-8
// byte lengths, and the Unicode-aware boundary that keyword_set and event
// phrases need (reference §2.9, §9 item 17).

/** Han, Hiragana, Katakana and Hangul: scripts written without spaces between words (or counted per syllable). */
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/**
 * Letters and decimal digits of any script. Combining marks are deliberately
 * not included: upstream splits runs at them, and density thresholds were
 * calibrated against upstream's unit counts.
 */
const WORD_CHAR = /[\p{L}\p{Nd}]/u;

/** True when the code point is a Han, Hiragana, Katakana or Hangul character. */
export function isCjkCodePoint(codePoint: number): boolean {
  if (codePoint < 0x1100) return false; // Hangul Jamo is the first CJK block
  return CJK_CHAR.test(String.fromCodePoint(codePoint));
}

/** True when the code point is a letter or a decimal digit (any script). */
export function isWordCodePoint(codePoint: number): boolean {
  if (codePoint < 0x80) {
    return (
      (codePoint >= 0x30 && codePoint <= 0x39) ||
      (codePoint >= 0x41 && codePoint <= 0x5a) ||
      (codePoint >= 0x61 && codePoint <= 0x7a)
    );
  }
  return WORD_CHAR.test(String.fromCodePoint(codePoint));
}

/** True when the text contains at least one Han, Hiragana, Katakana or Hangul character. */
export function containsCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

/**
 * The unit count density divides by: every CJK/kana/Hangul code point is one
 * unit, every run of other letters/digits is one unit; punctuation and
 * spaces count for nothing. `"explain 量子 now"` has 4 units.
 */
export function multilingualUnitCount(text: string): number {
  let units = 0;
  let inRun = false;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (isCjkCodePoint(codePoint)) {
      units += 1;
      inRun = false;
    } else if (isWordCodePoint(codePoint)) {
      if (!inRun) units += 1;
      inRun = true;
    } else {
      inRun = false;
    }
  }
  return units;
}

/** UTF-8 byte length without allocating a buffer. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** The code point that ends just before UTF-16 index `index`, if any. */
function codePointBefore(text: string, index: number): number | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(index - 2);
  }
  return low;
}

/** A neighbour that would glue a match onto a longer word: a non-CJK letter or digit. */
function isGluingNeighbour(codePoint: number | undefined): boolean {
  return codePoint !== undefined && isWordCodePoint(codePoint) && !isCjkCodePoint(codePoint);
}

/**
 * Unicode-aware word boundary around `text[start, end)`: neither neighbour
 * is a non-CJK letter or digit. `json` stands alone in `JSON格式` but not
 * in `jsonify`; `café` stands alone in `un café.`. Assumes `start`/`end` do not split a surrogate pair.
 */
export function hasUnicodeBoundary(text: string, start: number, end: number): boolean {
  return (
    !isGluingNeighbour(codePointBefore(text, start)) &&
    !isGluingNeighbour(end < text.length ? text.codePointAt(end) : undefined)
  );
}

/**
 * Non-overlapping occurrences of `needle` in `haystack` (both already
 * case-normalised by the caller). Needles without CJK must stand alone
 * ({@link hasUnicodeBoundary}); needles with CJK are plain substrings.
 */
export function countBoundedOccurrences(haystack: string, needle: string): number {
  if (needle === '') return 0;
  const bounded = !containsCjk(needle);
  let count = 0;
  let from = 0;
  for (;;) {
    const index = haystack.indexOf(needle, from);
    if (index === -1) return count;
    const end = index + needle.length;
    if (!bounded || hasUnicodeBoundary(haystack, index, end)) count += 1;
    // Skip the whole occurrence either way: `json` inside `jsonjson` is not retried mid-word.
    from = end;
  }
}
