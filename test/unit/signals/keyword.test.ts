import { describe, expect, it } from 'vitest';
import type { KeywordRule } from '../../../src-main/core/config/schema/signals';
import { keywordSignal } from '../../../src-main/core/signals/keyword';
import { literalScanCount } from '../../../src-main/core/signals/keyword/literal-scanner';
import type { PrepareEnv, SignalOutput } from '../../../src-main/core/signals/signal-module';
import { buildTextViews } from '../../../src-main/core/signals/text-views';

const env = {} as unknown as PrepareEnv;

function rule(name: string, keywords: string[], extra: Partial<KeywordRule> = {}): KeywordRule {
  return { name, operator: 'OR', keywords, ...extra };
}

async function evaluate(rules: KeywordRule[], text: string): Promise<SignalOutput> {
  const prepared = await keywordSignal.prepare(rules, env);
  return prepared.evaluate({ request: { text }, views: buildTextViews({ text }) });
}

async function hits(rules: KeywordRule[], text: string): Promise<Record<string, string[]>> {
  const output = await evaluate(rules, text);
  return output.details?.['keywords'] as Record<string, string[]>;
}

async function matches(keywords: string[], text: string, extra: Partial<KeywordRule> = {}) {
  const output = await evaluate([rule('r', keywords, extra)], text);
  return output.matched.includes('r');
}

describe('keyword signal: literal word boundaries (RE2 ASCII \\b)', () => {
  it('matches whole words only', async () => {
    expect(await matches(['stack'], 'I hit a stack overflow')).toBe(true);
    expect(await matches(['stack'], 'print the stacktrace')).toBe(false);
    expect(await matches(['stack'], 'the stack.')).toBe(true);
    expect(await matches(['stack'], 'stack')).toBe(true);
  });

  it('treats underscore as a word character', async () => {
    expect(await matches(['stack'], 'call_stack is empty')).toBe(false);
    expect(await matches(['snake_case'], 'use snake_case here')).toBe(true);
    expect(await matches(['snake_case'], 'use snake_cased here')).toBe(false);
  });

  it('reproduces the c++ quirk: \\b after + needs a following word character', async () => {
    expect(await matches(['c++'], 'I write c++ code')).toBe(false);
    expect(await matches(['c++'], 'I write c++')).toBe(false);
    expect(await matches(['c++'], 'c++x is odd')).toBe(true);
  });

  it('needs a word character before a keyword that starts with punctuation', async () => {
    expect(await matches(['.net'], 'I use .net daily')).toBe(false);
    expect(await matches(['.net'], 'asp.net is old')).toBe(true);
  });

  it('lets non-ASCII edges behave as Go does (é and Cyrillic are non-word)', async () => {
    // é then space: both non-word, so no boundary after café.
    expect(await matches(['café'], 'a café au lait')).toBe(false);
    // é then s: a boundary, so the keyword "matches" inside cafés.
    expect(await matches(['café'], 'two cafés')).toBe(true);
    expect(await matches(['привет'], 'привет мир')).toBe(false);
  });

  it('finds Han keywords as plain substrings', async () => {
    expect(await matches(['错了'], '这是错了吗')).toBe(true);
    expect(await matches(['内部 SDK'], '请看内部 SDK的文档')).toBe(true);
    expect(await matches(['内部 SDK'], '请看内部 sdk吧')).toBe(true);
    expect(await matches(['内部 SDK'], '请看内部SDK吧')).toBe(false);
  });

  it('handles realistic recipe keywords', async () => {
    expect(await matches(['trade-offs'], 'compare the trade-offs, please')).toBe(true);
    expect(await matches(['tl;dr'], 'TL;DR please')).toBe(true);
    expect(await matches(['re-answer'], 'please re-answer it')).toBe(true);
    expect(await matches(['请核实并给出处'], '这个说法对吗？请核实并给出处。')).toBe(true);
    expect(await matches(['api'], 'the rapid API')).toBe(true);
    expect(await matches(['api'], 'rapid apis')).toBe(false);
  });

  it('counts an empty keyword as a hit (its regex matches the empty string)', async () => {
    expect(await matches([''], 'anything')).toBe(true);
  });

  it('finds punctuation-only keywords as plain substrings', async () => {
    expect(await matches(['???'], 'what???')).toBe(true);
    expect(await matches(['???'], 'what??')).toBe(false);
  });

  it('keeps boundaries for mixed keywords without Han characters', async () => {
    expect(await matches(['internal SDK'], 'our internal SDK docs')).toBe(true);
    expect(await matches(['internal SDK'], 'our internal SDKs')).toBe(false);
  });
});

describe('keyword signal: case', () => {
  it('is case-insensitive by default', async () => {
    expect(await matches(['Stack Trace'], 'SEND THE STACK TRACE')).toBe(true);
  });

  it('honours case_sensitive', async () => {
    expect(await matches(['SDK'], 'the sdk', { case_sensitive: true })).toBe(false);
    expect(await matches(['SDK'], 'the SDK', { case_sensitive: true })).toBe(true);
  });

  it('keeps offsets aligned when lower-casing changes length (İ)', async () => {
    // İ lower-cases to two code units; the boundary check must still see "bug" at its place.
    expect(await matches(['bug'], 'İİİ bug')).toBe(true);
    expect(await matches(['bug'], 'İİİ debugger')).toBe(false);
  });

  it('folds like Go (?i): ſ matches s, final ς matches σ', async () => {
    expect(await matches(['内部 sdk'], '内部 ſDK')).toBe(true);
    // Upper-case Σ before a Han character lower-cases to the final form ς.
    expect(await matches(['οδοσ中'], 'ΟΔΟΣ中')).toBe(true);
    // Greek edges are not ASCII word characters: no boundary at a word start.
    expect(await matches(['οδος'], 'ΟΔΟΣ')).toBe(false);
  });
});

describe('keyword signal: rules and operators', () => {
  it('finds overlapping keywords, in declaration order', async () => {
    const found = await hits([rule('r', ['stack trace', 'stack', 'trace'])], 'a stack trace here');
    expect(found['r']).toEqual(['stack trace', 'stack', 'trace']);
  });

  it('OR reports each keyword string once', async () => {
    const found = await hits([rule('r', ['bug', 'BUG', 'bug'])], 'a bug');
    expect(found['r']).toEqual(['bug', 'BUG']);
  });

  it('AND needs every keyword', async () => {
    const and = (text: string) => matches(['deploy', 'rollback'], text, { operator: 'AND' });
    expect(await and('deploy then rollback')).toBe(true);
    expect(await and('deploy only')).toBe(false);
  });

  it('NOR matches when no keyword hits, with an empty keyword list', async () => {
    const rules = [rule('quiet', ['urgent', 'asap'], { operator: 'NOR' })];
    const calm = await evaluate(rules, 'whenever you can');
    expect(calm.matched).toEqual(['quiet']);
    expect((calm.details?.['keywords'] as Record<string, string[]>)['quiet']).toEqual([]);
    expect((await evaluate(rules, 'this is urgent')).matched).toEqual([]);
  });

  it('emits every matching rule in declaration order, without confidences', async () => {
    const output = await evaluate(
      [rule('zeta', ['python']), rule('alpha', ['debug']), rule('none', ['gardening'])],
      'debug my python script',
    );
    expect(output.matched).toEqual(['zeta', 'alpha']);
    expect(output.confidences).toEqual({});
    expect(output.values).toEqual({});
    expect(output.status).toBe('ok');
  });

  it('treats an unknown operator or method as no match rather than failing', async () => {
    const output = await evaluate(
      [
        rule('bad-op', ['python'], { operator: 'XOR' }),
        rule('bad-method', ['python'], { method: 'semantic' }),
        rule('good', ['python']),
      ],
      'python',
    );
    expect(output.matched).toEqual(['good']);
    expect(Object.keys(output.details?.['invalidRules'] as object)).toEqual([
      'bad-op',
      'bad-method',
    ]);
  });

  it('reads the full signal text, not the semantic sample', async () => {
    const text = `${'filler words '.repeat(400)}needle ${'more filler '.repeat(400)}`;
    expect(await matches(['needle'], text)).toBe(true);
  });
});

describe('keyword signal: method regex', () => {
  it('uses keywords as RE2 patterns, case-insensitive unless case_sensitive', async () => {
    expect(await matches(['^fix\\s+the\\s+bug$'], 'Fix  the bug', { method: 'regex' })).toBe(true);
    expect(await matches(['^fix'], 'Fix it', { method: 'regex', case_sensitive: true })).toBe(
      false,
    );
    expect(await matches(['(?i)^fix'], 'Fix it', { method: 'regex', case_sensitive: true })).toBe(
      true,
    );
    expect(await matches(['\\bv\\d+\\.\\d+'], 'release v2.10 now', { method: 'REGEX' })).toBe(true);
  });

  it('throws at prepare for a pattern it cannot compile, naming rule and keyword', async () => {
    const bad = [rule('broken-rule', ['ok', 'foo(bar'], { method: 'regex' })];
    await expect(async () => keywordSignal.prepare(bad, env)).rejects.toThrow(
      /broken-rule.*"foo\(bar"/,
    );
    const lookahead = [rule('lookahead-rule', ['a(?=b)'], { method: 'regex' })];
    await expect(async () => keywordSignal.prepare(lookahead, env)).rejects.toThrow(
      /lookahead-rule/,
    );
  });

  it('does not wrap regex keywords in word boundaries', async () => {
    expect(await matches(['stack'], 'stacktrace', { method: 'regex' })).toBe(true);
  });
});

describe('keyword signal: fuzzy_match', () => {
  it('accepts a word within the edit distance and marks it', async () => {
    const found = await hits(
      [rule('r', ['kubernetes', 'docker'], { fuzzy_match: true })],
      'my kubernets cluster',
    );
    expect(found['r']).toEqual(['kubernetes (fuzzy)']);
  });

  it('prefers the exact hit and honours fuzzy_threshold', async () => {
    const exact = await hits([rule('r', ['kubernetes'], { fuzzy_match: true })], 'kubernetes!');
    expect(exact['r']).toEqual(['kubernetes']);
    const strict = { fuzzy_match: true, fuzzy_threshold: 1 };
    expect(await matches(['kubernetes'], 'kuberntes', strict)).toBe(true);
    expect(await matches(['kubernetes'], 'kubrnts', strict)).toBe(false);
    expect(await matches(['kubernetes'], 'kubrnts')).toBe(false);
  });

  it('compares the whole keyword with single words', async () => {
    const fuzzy = { fuzzy_match: true };
    expect(await matches(['stack trace'], 'stack-trace', fuzzy)).toBe(false);
    expect(await matches(['stack trace'], 'stacktrace', fuzzy)).toBe(true);
  });

  it('makes a NOR rule fail on a fuzzy hit', async () => {
    expect(
      await matches(['urgent'], 'this is urgnet', { operator: 'NOR', fuzzy_match: true }),
    ).toBe(false);
  });
});

describe('keyword signal: method bm25', () => {
  const bm25 = { method: 'bm25' };

  it('hits keywords that share scored terms with the text', async () => {
    const found = await hits(
      [rule('r', ['python debugging', 'gardening tips', 'sourdough'], bm25)],
      'How do I start debugging my Python script?',
    );
    expect(found['r']).toEqual(['python debugging']);
  });

  it('misses unrelated text and respects AND and the threshold', async () => {
    expect(await matches(['gardening tips'], 'debug my python', bm25)).toBe(false);
    expect(
      await matches(['python', 'gardening'], 'python code', { ...bm25, operator: 'AND' }),
    ).toBe(false);
    expect(await matches(['python', 'rust'], 'python', { ...bm25, bm25_threshold: 50 })).toBe(
      false,
    );
  });
});

describe('keyword signal: method ngram', () => {
  const ngram = { method: 'ngram' };

  it('tolerates typos in words', async () => {
    const found = await hits(
      [rule('r', ['kubernetes', 'gardening'], ngram)],
      'my kubernets cluster',
    );
    expect(found['r']).toEqual(['kubernetes']);
  });

  it('matches multi-word keywords and misses unrelated ones', async () => {
    expect(await matches(['stack trace'], 'here is the stack-trace', ngram)).toBe(true);
    expect(await matches(['gardening'], 'my kubernetes cluster', ngram)).toBe(false);
    expect(await matches(['kubernetes'], 'kubernets', { ...ngram, ngram_threshold: 0.95 })).toBe(
      false,
    );
  });
});

describe('keyword signal: one scan per request', () => {
  it('finds hits across many rules on a long text in a single pass', async () => {
    const rules = Array.from({ length: 25 }, (_, r) =>
      rule(
        `rule${r}`,
        Array.from({ length: 17 }, (_, k) => (k === 16 ? `规则${r}号` : `term${r}x${k}`)),
      ),
    );
    const filler = 'lorem ipsum dolor sit amet '.repeat(4000);
    const text = `TERM0X3 ${filler} term12x7 ${filler}规则24号 and term24x16`;
    const prepared = await keywordSignal.prepare(rules, env);
    const before = literalScanCount();
    const output = await prepared.evaluate({ request: { text }, views: buildTextViews({ text }) });
    expect(literalScanCount() - before).toBe(1);
    expect(output.matched).toEqual(['rule0', 'rule12', 'rule24']);
    const found = output.details?.['keywords'] as Record<string, string[]>;
    expect(found['rule0']).toEqual(['term0x3']);
    expect(found['rule24']).toEqual(['规则24号']);
  });

  it('uses one more scan for case-sensitive keywords and none for regex rules', async () => {
    const prepared = await keywordSignal.prepare(
      [
        rule('ci', ['alpha']),
        rule('cs', ['Beta'], { case_sensitive: true }),
        rule('re', ['gam+a'], { method: 'regex' }),
      ],
      env,
    );
    const text = 'alpha Beta gammma';
    const before = literalScanCount();
    const output = await prepared.evaluate({ request: { text }, views: buildTextViews({ text }) });
    expect(literalScanCount() - before).toBe(2);
    expect(output.matched).toEqual(['ci', 'cs', 're']);
  });
});
