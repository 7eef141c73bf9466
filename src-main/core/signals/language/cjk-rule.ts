// The script rule that runs before the n-gram detector, as lingua's rule
// stage does upstream: every Han, kana or Hangul character counts as one
// word, every run of other letters as one word. When CJK characters are the
// majority, the script decides: Hangul → ko; any kana → ja (Japanese mixes
// kana into Han text; Chinese does not); Han alone → zh. This keeps 1–3
// character prompts like 谢谢 or 안녕 (where n-grams have too little to go
// on) out of the low-confidence fallback, and matches upstream on mixed text
// ("Explain 机器学习 to me" has 4 Han words against 3 Latin ones → zh).

const HAN = /\p{Script=Han}/u;
// Script extensions, so that the prolonged sound mark ー (script Common) counts as kana.
const KANA = /[\p{scx=Hiragana}\p{scx=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LETTER = /\p{L}/u;

export interface ScriptVerdict {
  language: 'zh' | 'ja' | 'ko';
  /** Share of the text's words that are CJK characters: in (0.5, 1]. */
  confidence: number;
}

interface ScriptCounts {
  han: number;
  kana: number;
  hangul: number;
  /** Runs of other letters (Latin, Cyrillic, …). */
  otherWords: number;
}

/** Which CJK script a letter belongs to, if any. */
function cjkKind(letter: string): 'han' | 'kana' | 'hangul' | null {
  // Nothing below U+1100 (Hangul Jamo) is CJK: ASCII and Latin skip the regexes.
  if ((letter.codePointAt(0) ?? 0) < 0x1100) return null;
  if (HAN.test(letter)) return 'han';
  if (KANA.test(letter)) return 'kana';
  if (HANGUL.test(letter)) return 'hangul';
  return null;
}

function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = { han: 0, kana: 0, hangul: 0, otherWords: 0 };
  let inWord = false;
  for (const char of text) {
    const kind = LETTER.test(char) ? cjkKind(char) : undefined;
    if (kind) counts[kind]++;
    else if (kind === null && !inWord) counts.otherWords++;
    inWord = kind === null;
  }
  return counts;
}

/** The language the script alone decides, or null when CJK characters are not the majority. */
export function cjkScriptVerdict(text: string): ScriptVerdict | null {
  const { han, kana, hangul, otherWords } = countScripts(text);
  const cjk = han + kana + hangul;
  if (cjk === 0 || cjk <= otherWords) return null;
  const confidence = cjk / (cjk + otherWords);
  if (hangul > han + kana) return { language: 'ko', confidence };
  return { language: kana > 0 ? 'ja' : 'zh', confidence };
}
