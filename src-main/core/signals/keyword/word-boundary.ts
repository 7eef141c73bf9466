// Go RE2's `\b`, which upstream wraps around literal keywords: ASCII-only.
// A boundary at offset p holds iff the code units either side differ in
// being [A-Za-z0-9_]; the ends of the text count as non-word. So `c++`
// needs a word character right after it, and `café` needs one after the é.

const HAS_WORD_CHAR = /[\p{L}\p{Nd}_]/u;
const HAS_HAN = /\p{Script=Han}/u;

export function isAsciiWordCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 95 // _
  );
}

/** RE2 `\b` at UTF-16 offset `pos` of `text`. */
export function isWordBoundary(text: string, pos: number): boolean {
  const before = pos > 0 && isAsciiWordCode(text.charCodeAt(pos - 1));
  const after = pos < text.length && isAsciiWordCode(text.charCodeAt(pos));
  return before !== after;
}

/**
 * Upstream wraps a literal keyword in `\b…\b` when it has a letter, digit or
 * `_` and no Han character; Han keywords and punctuation-only keywords are
 * plain substrings.
 */
export function literalNeedsBoundaries(keyword: string): boolean {
  return HAS_WORD_CHAR.test(keyword) && !HAS_HAN.test(keyword);
}
