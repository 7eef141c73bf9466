import { describe, expect, it } from 'vitest';
import type { LanguageRule } from '../../../src-main/core/config/schema/signals';
import type { RoutingRequest } from '../../../src-main/core/router/request';
import {
  DEFAULT_LANGUAGE_THRESHOLD,
  languageSignal,
  languageThreshold,
} from '../../../src-main/core/signals/language';
import { cjkScriptVerdict } from '../../../src-main/core/signals/language/cjk-rule';
import { verdictFromTotals } from '../../../src-main/core/signals/language/confidence';
import { detectLanguage, loadNgramScorer } from '../../../src-main/core/signals/language/detect';
import { CHUNK_BYTES, chunkByBytes } from '../../../src-main/core/signals/language/eld-scores';
import { toRuleCode } from '../../../src-main/core/signals/language/iso-codes';
import type { SignalOutput } from '../../../src-main/core/signals/signal-module';
import { SAMPLING_MARKER, buildTextViews } from '../../../src-main/core/signals/text-views';
import { utf8ByteLength } from '../../../src-main/core/signals/text-units';

const env = { ml: {}, global: {}, kbs: new Map() };

const TEN = ['en', 'zh', 'es', 'fr', 'de', 'ja', 'ko', 'ru', 'ar', 'pt'];
const ALL_TEN: LanguageRule[] = TEN.map((name) => ({ name }));
/** The balance recipe's language rules. */
const BALANCE: LanguageRule[] = [
  { name: 'en', description: 'English language queries' },
  { name: 'zh', description: 'Chinese language queries' },
];

async function run(
  request: RoutingRequest,
  rules: LanguageRule[] = ALL_TEN,
): Promise<SignalOutput> {
  const prepared = await languageSignal.prepare(rules, env);
  return prepared.evaluate({ request, views: buildTextViews(request) });
}

const text = (t: string, rules?: LanguageRule[]) => run({ text: t }, rules);

interface LanguageDetails {
  detected: string;
  confidence: number;
  fallback: boolean;
  method?: string;
  rejected?: { language: string; confidence: number };
}

const details = (output: SignalOutput) => output.details as unknown as LanguageDetails;

// Hand-written: questions of 3–8 words and one longer request per language.
const SENTENCES: Record<string, string[]> = {
  en: [
    'What is the capital of Australia?',
    'Why is the sky blue?',
    'I need help debugging a memory leak in my Node server; it grows by about 50 MB every hour.',
  ],
  zh: [
    '澳大利亚的首都是哪里？',
    '天空为什么是蓝色的？',
    '我的服务器每小时内存增长五十兆，应该怎么排查内存泄漏问题？',
  ],
  es: [
    '¿Cuál es la capital de Australia?',
    '¿Por qué el cielo es azul?',
    'Necesito ayuda para encontrar una fuga de memoria en mi servidor, crece unos cincuenta megas cada hora.',
  ],
  fr: [
    "Quelle est la capitale de l'Australie ?",
    'Pourquoi le ciel est-il bleu ?',
    "J'ai besoin d'aide pour trouver une fuite de mémoire dans mon serveur, elle augmente chaque heure.",
  ],
  de: [
    'Was ist die Hauptstadt von Australien?',
    'Warum ist der Himmel blau?',
    'Ich brauche Hilfe bei einem Speicherleck in meinem Server, der Verbrauch wächst jede Stunde.',
  ],
  ja: [
    'オーストラリアの首都はどこですか？',
    '空はなぜ青いのですか？',
    'サーバーのメモリが毎時間五十メガずつ増えています。メモリリークの原因を調べる方法を教えてください。',
  ],
  ko: [
    '호주의 수도는 어디인가요?',
    '하늘은 왜 파란가요?',
    '서버 메모리가 매시간 50메가씩 늘어나는데 메모리 누수를 어떻게 찾아야 할까요?',
  ],
  ru: [
    'Какая столица Австралии?',
    'Почему небо голубое?',
    'Мне нужна помощь с утечкой памяти на сервере, потребление растёт на пятьдесят мегабайт каждый час.',
  ],
  ar: [
    'ما هي عاصمة أستراليا؟',
    'لماذا السماء زرقاء؟',
    'أحتاج إلى مساعدة في العثور على تسرب في الذاكرة في الخادم، فهو يزداد خمسين ميغابايت كل ساعة.',
  ],
  pt: [
    'Qual é a capital da Austrália?',
    'Por que o céu é azul?',
    'Preciso de ajuda para encontrar um vazamento de memória no meu servidor, ele cresce cinquenta megas por hora.',
  ],
};

describe('language signal: the ten languages', () => {
  for (const [code, sentences] of Object.entries(SENTENCES)) {
    it(`detects ${code} on realistic sentences with a usable confidence`, async () => {
      for (const sentence of sentences) {
        const output = await text(sentence);
        expect(output.status, sentence).toBe('ok');
        expect(output.matched, sentence).toEqual([code]);
        const d = details(output);
        expect(d.detected, sentence).toBe(code);
        expect(d.fallback, sentence).toBe(false);
        expect(d.confidence, sentence).toBeGreaterThanOrEqual(0.6);
        expect(d.confidence, sentence).toBeLessThanOrEqual(1);
      }
    });
  }

  it('writes no confidences or values (consumers read 1.0)', async () => {
    const output = await text('Was ist die Hauptstadt von Australien?');
    expect(output.matched).toEqual(['de']);
    expect(output.confidences).toEqual({});
    expect(output.values).toEqual({});
  });

  it('reads the last user message of a chat request', async () => {
    const output = await run({
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'What is the capital of Australia?' },
        { role: 'assistant', content: 'Canberra.' },
        {
          role: 'user',
          content: [{ type: 'text', text: '¿Y cuál es la capital de Nueva Zelanda?' }],
        },
      ],
    });
    expect(output.matched).toEqual(['es']);
  });
  it('reads past the ~380 bytes eld looks at per call', async () => {
    const english =
      'Please answer the question below in detail and explain every step clearly. '.repeat(5);
    const russian =
      'Мне нужна помощь с утечкой памяти на сервере, потребление растёт каждый час. '.repeat(6);
    const rules = [{ name: 'en' }, { name: 'ru' }];
    expect((await text(english.slice(0, 380), rules)).matched).toEqual(['en']);
    expect((await text(`${english}${russian}`, rules)).matched).toEqual(['ru']);
  });
});

describe('language signal: balance probes', () => {
  // fast_qa and simple_general prompts of the balance recipe (language-tagged en / zh).
  const EN = [
    'Verify this with a source: Is the capital of Australia Sydney or Canberra?',
    'Verify with a source whether light travels faster than sound.',
    'Who are you? Answer briefly.',
    'What is 2 + 2? Answer briefly.',
    'In one short paragraph, explain how a refrigerator keeps food cold.',
  ];
  const ZH = [
    '法国的首都是巴黎吗？给出处。',
    '太阳系最大的行星是木星吗？请核实并给来源。',
    '水的化学式是什么？请简短回答。',
    '一年有几个月？请简短回答。',
    '太好了！！！我终于拿到 offer 了，帮我写一段兴奋但得体的回复。',
  ];

  it('emits en for the English prompts without falling back', async () => {
    for (const prompt of EN) {
      const output = await text(prompt, BALANCE);
      expect(output.matched, prompt).toEqual(['en']);
      expect(details(output).fallback, prompt).toBe(false);
    }
  });

  it('emits zh for the Chinese prompts', async () => {
    for (const prompt of ZH) {
      const output = await text(prompt, BALANCE);
      expect(output.matched, prompt).toEqual(['zh']);
      expect(details(output).confidence, prompt).toBeGreaterThan(0.9);
    }
  });

  it('reads the long fallback probe (sampled text with markers) as English', async () => {
    const output = await text('zxqv nplm ordinary neutral placeholder '.repeat(3000), BALANCE);
    expect(output.matched).toEqual(['en']);
    expect(details(output).fallback).toBe(false);
  });
});

describe('language signal: fallback to en', () => {
  it('falls back to en with confidence 0.5 on blank text', async () => {
    for (const request of [{ text: '   ' }, { messages: [{ role: 'user', content: '' }] }]) {
      const output = await run(request, BALANCE);
      expect(output.matched).toEqual(['en']);
      expect(details(output)).toEqual({ detected: 'en', confidence: 0.5, fallback: true });
    }
  });

  it('falls back when nothing in the text is a letter', async () => {
    const output = await text('2 + 2 = ?', BALANCE);
    expect(output.matched).toEqual(['en']);
    expect(details(output)).toEqual({ detected: 'en', confidence: 0.5, fallback: true });
  });

  it('falls back on very short, ambiguous Latin text, reporting what it rejected', async () => {
    for (const word of ['hi', 'ok', 'API', 'Paris', 'yes']) {
      const output = await text(word, ALL_TEN);
      expect(output.matched, word).toEqual(['en']);
      const d = details(output);
      expect(d.detected, word).toBe('en');
      expect(d.confidence, word).toBe(0.5);
      expect(d.fallback, word).toBe(true);
      if (d.rejected) expect(d.rejected.confidence, word).toBeLessThan(DEFAULT_LANGUAGE_THRESHOLD);
    }
  });

  it('so a short non-English greeting can fire language:en (upstream gotcha)', async () => {
    const output = await text('hola', BALANCE);
    expect(output.matched).toEqual(['en']);
    expect(details(output).fallback).toBe(true);
  });

  it('does not emit the fallback en when no en rule is declared', async () => {
    const output = await text('hi', [{ name: 'zh' }]);
    expect(output.matched).toEqual([]);
    expect(details(output).detected).toBe('en');
  });
});

describe('language signal: thresholds and rule names', () => {
  it('uses the smallest non-zero rule threshold, else 0.3', () => {
    expect(languageThreshold([{ name: 'en' }, { name: 'zh' }])).toBe(0.3);
    expect(languageThreshold([{ name: 'en', threshold: 0 }])).toBe(0.3);
    expect(
      languageThreshold([
        { name: 'en', threshold: 0.7 },
        { name: 'de', threshold: 0.5 },
      ]),
    ).toBe(0.5);
    expect(languageThreshold([{ name: 'en', threshold: 0.05 }, { name: 'de' }])).toBe(0.05);
  });

  it("suppresses a rule whose own threshold is above the detection's confidence", async () => {
    const phrase = 'Guten Morgen';
    const probe = details(await text(phrase));
    expect(probe.detected).toBe('de');
    expect(probe.confidence).toBeGreaterThan(0.35);
    expect(probe.confidence).toBeLessThan(0.95);

    const above: LanguageRule[] = [
      { name: 'de', threshold: probe.confidence + 0.04 },
      { name: 'en', threshold: 0.3 },
    ];
    const suppressed = await text(phrase, above);
    expect(details(suppressed).detected).toBe('de');
    expect(suppressed.matched).toEqual([]);

    const below: LanguageRule[] = [
      { name: 'de', threshold: probe.confidence - 0.04 },
      { name: 'en', threshold: 0.3 },
    ];
    expect((await text(phrase, below)).matched).toEqual(['de']);
  });

  it('raises the fallback threshold to the smallest rule threshold', async () => {
    const phrase = 'Guten Morgen';
    const { confidence } = details(await text(phrase));
    const output = await text(phrase, [
      { name: 'de', threshold: confidence + 0.04 },
      { name: 'en' },
    ]);
    expect(output.matched).toEqual(['en']);
    expect(details(output)).toMatchObject({ detected: 'en', confidence: 0.5, fallback: true });
    expect(details(output).rejected?.language).toBe('de');
  });

  it('does not emit the fallback en when the en rule asks for more than 0.5', async () => {
    const output = await text('hi', [
      { name: 'en', threshold: 0.6 },
      { name: 'fr', threshold: 0.3 },
    ]);
    expect(details(output).fallback).toBe(true);
    expect(output.matched).toEqual([]);
  });

  it('emits only declared rule names, matched exactly', async () => {
    const french = await text('Pourquoi le ciel est-il bleu ?', BALANCE);
    expect(details(french).detected).toBe('fr');
    expect(french.matched).toEqual([]);
    const upper = await text('Why is the sky blue?', [{ name: 'EN' }, { name: 'zh' }]);
    expect(upper.matched).toEqual([]);
  });

  it('emits a name once even when two rules carry it', async () => {
    const output = await text('Why is the sky blue?', [
      { name: 'en' },
      { name: 'en', description: 'again' },
    ]);
    expect(output.matched).toEqual(['en']);
  });

  it('does nothing without rules', async () => {
    const output = await text('Why is the sky blue?', []);
    expect(output).toEqual({ status: 'ok', matched: [], confidences: {}, values: {} });
  });

  it("reports Norwegian by lingua's code nb", async () => {
    expect(toRuleCode('no')).toBe('nb');
    expect(toRuleCode('de')).toBe('de');
    const output = await text('Kan du hjelpe meg med å skrive en søknad til en ny jobb?', [
      { name: 'nb' },
    ]);
    expect(output.matched).toEqual(['nb']);
  });
});

describe('language signal: zh vs ja', () => {
  const CASES: [string, 'zh' | 'ja'][] = [
    ['谢谢', 'zh'],
    ['请帮我总结一下这篇文章。', 'zh'],
    ['請問台北今天的天氣如何？', 'zh'], // traditional characters
    ['學習機器學習需要哪些數學基礎？', 'zh'],
    ['ありがとう', 'ja'],
    ['この記事を要約してください。', 'ja'],
    ['日本国憲法第九条の解釈', 'ja'], // kanji-heavy, one kana
    ['東京駅から新宿駅まで', 'ja'],
    ['サーバー', 'ja'], // katakana with the prolonged sound mark
  ];

  it('tells Chinese from Japanese by the script, then by n-grams', async () => {
    for (const [sample, code] of CASES) {
      const output = await text(sample);
      expect(output.matched, sample).toEqual([code]);
      expect(details(output).fallback, sample).toBe(false);
    }
  });

  it('lets the CJK majority decide mixed text, as upstream does', () => {
    expect(cjkScriptVerdict('帮我用 Python 写一个 quicksort 函数')).toEqual({
      language: 'zh',
      confidence: 0.8,
    });
    expect(cjkScriptVerdict('Python で quicksort を書いて')?.language).toBe('ja');
    expect(cjkScriptVerdict('React 컴포넌트를 어떻게 테스트하나요?')?.language).toBe('ko');
    expect(cjkScriptVerdict('How do I say 谢谢 in Japanese?')).toBeNull();
    expect(cjkScriptVerdict('plain English')).toBeNull();
  });

  it('leaves English with a Chinese word to the n-grams', async () => {
    const output = await text('How do I say 谢谢 in Japanese?', BALANCE);
    expect(output.matched).toEqual(['en']);
    expect(details(output).method).toBe('ngram');
  });

  it('does not let the sampling marker vote on long Chinese text', async () => {
    const long = '我们需要在下周之前完成这个项目的测试工作，请安排好每个人的任务。'.repeat(120);
    const { semanticText } = buildTextViews({ text: long });
    expect(semanticText).toContain(SAMPLING_MARKER);
    const output = await text(long, BALANCE);
    expect(output.matched).toEqual(['zh']);
    expect(details(output).confidence).toBe(1);
  });
});

describe('language helpers', () => {
  it('turns evidence totals into a probability over the plausible candidates', () => {
    expect(verdictFromTotals(new Map())).toBeNull();
    // A lone script (Greek) with plenty of evidence is near-certain.
    const greek = verdictFromTotals(new Map([['el', 1000]]));
    expect(greek?.language).toBe('el');
    expect(greek?.confidence).toBeGreaterThan(0.99);
    // One weak n-gram in a 31-language script is not enough.
    const weak = verdictFromTotals(
      new Map([
        ['ca', 136],
        ['tl', 78],
      ]),
    );
    expect(weak?.language).toBe('ca');
    expect(weak?.confidence).toBeLessThan(0.3);
    // Two close Cyrillic readings share the probability.
    const close = verdictFromTotals(
      new Map([
        ['ru', 1000],
        ['uk', 1000 - 50 * Math.log(3)],
      ]),
    );
    expect(close?.confidence).toBeCloseTo(0.75, 2);
  });

  it('cuts text into chunks eld reads whole, keeping every word', () => {
    const sentence = 'Мне нужна помощь с утечкой памяти на сервере. ';
    const chunks = chunkByBytes(sentence.repeat(40));
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(utf8ByteLength(chunk)).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(chunks.join(' ')).toBe(sentence.repeat(40).trim());
    const han = '内存泄漏'.repeat(100);
    const hanChunks = chunkByBytes(han);
    expect(hanChunks.join('')).toBe(han);
    for (const chunk of hanChunks) expect(utf8ByteLength(chunk)).toBeLessThanOrEqual(CHUNK_BYTES);
  });

  it('returns null from the detector when nothing can be identified', async () => {
    const scorer = await loadNgramScorer();
    expect(detectLanguage(scorer, '12345 !!! ???')).toBeNull();
    expect(detectLanguage(scorer, 'What is the capital of Australia?')).toMatchObject({
      language: 'en',
      method: 'ngram',
    });
  });
});
