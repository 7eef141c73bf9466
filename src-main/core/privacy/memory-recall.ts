import { lowerAligned } from '../signals/keyword/case-fold';

// When does a request use personal memory? When it says so ("as I told you",
// "what you remember about me", 你记得…) or when it names something only a
// remembered fact holds (a distinctive word of the fact: a name, a value).
// And when does a message ask Homelane to remember something?

const RECALL_PHRASES = [
  'as i told you',
  'i told you',
  'i gave you',
  'i mentioned earlier',
  'i mentioned before',
  'as i mentioned',
  'what you know about my',
  'given what you know',
  'remembering what',
  'you remembered',
  'as i mentioned',
  'like i said before',
  'what i told you',
  'you remember',
  'do you remember',
  'what you remember',
  'what you know about me',
  'based on what you know',
  'from your memory',
  'my usual',
  'remember my',
  '我之前说过',
  '我告诉过你',
  '你记得',
  '我跟你说过',
  '之前告诉你',
  '你知道的我的',
  '你还记得',
  '根据你对我的了解',
  '我的习惯',
];

/** Words too common to tie a request to a fact. */
const COMMON = new Set(
  'about after again also always am an and any are as at be because been before but by can could did do does for from had has have he her here him his how i if in into is it its just like me more most my no not now of on once one only or other our out over she so some such than that the their them then there these they this those to too under up very was we were what when where which while who why will with would you your name birthday'.split(
    ' ',
  ),
);

interface FactWords {
  words: string[];
  /** Names and numbers: one of these alone ties a request to the fact. */
  strong: Set<string>;
}

function factWords(fact: string): FactWords {
  const raw = fact.match(/[\p{L}\p{N}][\p{L}\p{N}'-]{2,}/gu) ?? [];
  const words = [...new Set(raw.map((word) => lowerAligned(word)))].filter(
    (word) => !COMMON.has(word),
  );
  const strong = new Set(
    raw
      .filter((word, index) => /\p{N}/u.test(word) || (index > 0 && /^\p{Lu}/u.test(word)))
      .map((word) => lowerAligned(word)),
  );
  return { words, strong };
}

/** Why `text` uses memory (the phrase or the fact it names), or undefined when it does not. */
export function memoryRecall(text: string, facts: readonly string[]): string | undefined {
  const lower = lowerAligned(text);
  const phrase = RECALL_PHRASES.find((candidate) => lower.includes(candidate));
  if (phrase) return `it refers to what Homelane remembers ("${phrase}")`;
  const words = new Set(lower.match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? []);
  for (const [index, fact] of facts.entries()) {
    const { words: factTerms, strong } = factWords(fact);
    const shared = factTerms.filter(
      (word) => words.has(word) || (/\p{Script=Han}/u.test(word) && lower.includes(word)),
    );
    // Two shared words, or one name or number, tie the request to the fact.
    if (shared.length >= 2 || shared.some((word) => strong.has(word))) {
      return `it names something remembered fact #${index + 1} holds`;
    }
  }
  return undefined;
}

const REMEMBER =
  /^\s*(?:please\s+)?(?:remember|note|keep in mind)\s+(?:that\s+)?(.+?)\s*[.!]?\s*$/isu;
const REMEMBER_ZH = /^\s*(?:请)?记住[：:，,\s]*(.+?)[。！!]?\s*$/su;

/** The fact a message asks Homelane to remember, or undefined. */
export function parseRememberRequest(text: string): string | undefined {
  const match = REMEMBER.exec(text) ?? REMEMBER_ZH.exec(text);
  const fact = match?.[1]?.trim();
  return fact === undefined || fact === '' ? undefined : fact;
}
