// TEST SUPPORT: a hand-made tokenizer.json in the style of mmBERT's (BPE with
// byte fallback, Metaspace pre-tokenizer, [CLS] $A [SEP] template), small
// enough to reason about:
// - every word of TINY_WORDS is exactly one token, `▁word`; a word followed by
//   punctuation splits off the punctuation ("code," → ▁code ,);
// - `@example.com` is one token that glues onto the word before it, so
//   "jdoe@example.com" → ▁jdoe @example.com;
// - text is lower-cased first (a Lowercase normalizer; offsets still point
//   into the original text);
// - any other word falls apart into a ▁-prefix of a known word and single
//   characters, and non-ASCII characters into <0xNN> byte tokens.
// Merges only ever extend a `▁…` prefix by one character (or `@…` for the
// suffix token), so applying them can never leave a listed word in pieces.

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
export const PAD_ID = 0;
export const UNK_ID = 1;
export const CLS_ID = 2;
export const SEP_ID = 3;

/** The words of the vocabulary, by topic (the topics drive the tiny models' defaults). */
export const TINY_WORD_GROUPS = {
  greeting: ['hello', 'hi', 'hey', 'thanks', 'thank', 'good', 'morning', 'bye', 'great', 'perfect'],
  code: [
    'code',
    'function',
    'python',
    'javascript',
    'bug',
    'debug',
    'compile',
    'program',
    'script',
    'sort',
    'array',
  ],
  law: ['law', 'legal', 'contract', 'court', 'lawyer', 'judge', 'statute', 'lawsuit'],
  maths: [
    'math',
    'maths',
    'equation',
    'integral',
    'algebra',
    'theorem',
    'prove',
    'solve',
    'derivative',
  ],
  jailbreak: ['ignore', 'previous', 'instructions', 'pretend', 'rules', 'jailbreak'],
  facts: ['who', 'when', 'capital', 'population', 'president', 'fact', 'true'],
  feedback: ['wrong', 'incorrect', 'explain', 'clarify', 'mean', 'different', 'another'],
  media: ['image', 'draw', 'picture', 'photo', 'generate'],
  people: ['alice', 'bob', 'smith', 'jdoe', 'email', 'call', 'name'],
  common: [
    'the',
    'a',
    'an',
    'is',
    'are',
    'this',
    'that',
    'my',
    'me',
    'i',
    'you',
    'it',
    'please',
    'help',
    'with',
    'to',
    'of',
    'and',
    'for',
    'in',
    'on',
    'what',
    'how',
    'write',
    'some',
    'can',
    'do',
    'not',
    'now',
    'at',
    'was',
    'about',
    'or',
  ],
} as const satisfies Record<string, readonly string[]>;

export type TinyWordGroup = keyof typeof TINY_WORD_GROUPS;

export const TINY_WORDS: readonly string[] = Object.values(TINY_WORD_GROUPS).flat();

/** A token without the ▁ word marker, so it continues the word before it. */
export const EMAIL_DOMAIN_TOKEN = '@example.com';

const MARK = '▁';

function buildVocabulary(): { vocab: Map<string, number>; merges: [string, string][] } {
  const vocab = new Map<string, number>();
  const merges: [string, string][] = [];
  const add = (token: string) => {
    if (!vocab.has(token)) vocab.set(token, vocab.size);
  };
  for (const token of SPECIAL_TOKENS) add(token);
  for (let byte = 0; byte < 256; byte++)
    add(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
  add(MARK);
  // Printable ASCII; no capitals, as the normalizer lower-cases.
  for (let code = 0x21; code <= 0x7e; code++)
    if (code < 0x41 || code > 0x5a) add(String.fromCharCode(code));
  const chain = (first: string, rest: string) => {
    let token = first;
    for (const ch of rest) {
      if (!vocab.has(`${token}${ch}`)) merges.push([token, ch]);
      token = `${token}${ch}`;
      add(token);
    }
  };
  if (new Set(TINY_WORDS).size !== TINY_WORDS.length)
    throw new Error('a tiny word is listed twice');
  for (const word of TINY_WORDS) chain(MARK, word);
  // Ranked after every ▁ chain, so a word before it is always complete first.
  chain(EMAIL_DOMAIN_TOKEN.slice(0, 1), EMAIL_DOMAIN_TOKEN.slice(1));
  return { vocab, merges };
}

const built = buildVocabulary();

/** token → id for every token of the tiny vocabulary. */
export const TINY_VOCAB: ReadonlyMap<string, number> = built.vocab;
export const TINY_VOCAB_SIZE = built.vocab.size;

/**
 * The id of a word's token (`▁word`) or, failing that, of a token spelled
 * exactly (`[CLS]`, `,`, `<0xC3>`, `@example.com`). Throws for anything else.
 */
export function tinyTokenId(wordOrToken: string): number {
  const id = TINY_VOCAB.get(`${MARK}${wordOrToken}`) ?? TINY_VOCAB.get(wordOrToken);
  if (id === undefined) throw new Error(`"${wordOrToken}" is not in the tiny vocabulary`);
  return id;
}

/** A fresh tokenizer.json object (serialise it with JSON.stringify). */
export function tinyTokenizerJson(): Record<string, unknown> {
  const special = (content: string, id: number) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const templateToken = (id: string, typeId: number) => ({ SpecialToken: { id, type_id: typeId } });
  const sequence = (id: 'A' | 'B', typeId: number) => ({ Sequence: { id, type_id: typeId } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((token, id) => special(token, id)),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Metaspace', replacement: MARK, prepend_scheme: 'always', split: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [templateToken('[CLS]', 0), sequence('A', 0), templateToken('[SEP]', 0)],
      pair: [
        templateToken('[CLS]', 0),
        sequence('A', 0),
        templateToken('[SEP]', 0),
        sequence('B', 1),
        templateToken('[SEP]', 1),
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [CLS_ID], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [SEP_ID], tokens: ['[SEP]'] },
      },
    },
    decoder: {
      type: 'Sequence',
      decoders: [
        { type: 'Replace', pattern: { String: MARK }, content: ' ' },
        { type: 'ByteFallback' },
        { type: 'Fuse' },
        { type: 'Strip', content: ' ', start: 1, stop: 0 },
      ],
    },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: '[UNK]',
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: true,
      byte_fallback: true,
      ignore_merges: false,
      vocab: Object.fromEntries(TINY_VOCAB),
      merges: built.merges.map(([a, b]) => [a, b]),
    },
  };
}

/** tokenizer_config.json as transformers writes it for a fast tokenizer. */
export function tinyTokenizerConfigJson(modelMaxLength: number): Record<string, unknown> {
  return {
    tokenizer_class: 'PreTrainedTokenizerFast',
    model_max_length: modelMaxLength,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: false,
  };
}
