import { describe, expect, it } from 'vitest';
import type { PolicySymbols } from '../../../src-main/contract/policy';
import {
  completionSpot,
  nameText,
  optionsFor,
} from '../../../src-renderer/src/components/dsl-editor/dsl-complete';
import {
  inCondition,
  openBlocks,
  scanTokens,
} from '../../../src-renderer/src/components/dsl-editor/dsl-scan';

// What the editor offers at the cursor: `|` marks it in each sample.

function spot(withCursor: string) {
  const at = withCursor.indexOf('|');
  return completionSpot(withCursor.slice(0, at));
}

const ROUTE_OPEN = 'SIGNAL keyword urgent { keywords: ["a"] }\nROUTE fast (description = "x") {\n';

describe('completionSpot', () => {
  it('offers block keywords at a line start at the top level and in a RECIPE', () => {
    expect(spot('ROU|')).toMatchObject({ kind: 'keywords', from: 0, typed: 'ROU' });
    expect(spot('# c\n  SIG|')?.kind).toBe('keywords');
    const top = spot('MODEL m { }\nP|');
    expect(top).toMatchObject({ kind: 'keywords', typed: 'P' });
    expect(top?.kind === 'keywords' && top.words).toContain('MODEL');
    const recipe = spot('RECIPE r {\n  S|');
    expect(recipe?.kind === 'keywords' && recipe.words).not.toContain('MODEL');
  });

  it('offers route keywords inside a ROUTE, branch keywords inside a tree branch', () => {
    const route = spot(`${ROUTE_OPEN}  PRIORITY 3\n  WH|`);
    expect(route?.kind === 'keywords' && route.words).toContain('WHEN');
    const branch = spot('DECISION_TREE t {\n  IF keyword("a") {\n    NA|');
    expect(branch?.kind === 'keywords' && branch.words).toContain('NAME');
    expect(branch?.kind === 'keywords' && branch.words).not.toContain('WHEN');
    const tree = spot('DECISION_TREE t {\n  IF keyword("a") { MODEL m }\n  EL|');
    expect(tree?.kind === 'keywords' && tree.words).toEqual(['IF', 'ELSE']);
  });

  it('offers nothing inside a field block or mid-line', () => {
    expect(spot('SIGNAL keyword a {\n  ope|')).toBeNull();
    expect(spot(`${ROUTE_OPEN}  PRIORITY 3 TI|`)).toBeNull();
    expect(spot('SIGNAL keyword a { keywords: [\n  "x|')).toBeNull();
  });

  it('offers signal types where a condition expects a reference', () => {
    expect(spot(`${ROUTE_OPEN}  WHEN |`)).toMatchObject({ kind: 'signal-type', typed: '' });
    expect(spot(`${ROUTE_OPEN}  WHEN keyword("a") AND NOT ke|`)).toMatchObject({
      kind: 'signal-type',
      typed: 'ke',
    });
    expect(spot(`${ROUTE_OPEN}  WHEN (dom|`)?.kind).toBe('signal-type');
    expect(spot('DECISION_TREE t {\n  IF |')?.kind).toBe('signal-type');
  });

  it('offers the names of one type inside type("…"), quoted or not', () => {
    const text = `${ROUTE_OPEN}  WHEN keyword("ur|`;
    expect(spot(text)).toMatchObject({
      kind: 'signal-name',
      type: 'keyword',
      typed: 'ur',
      quoted: true,
      from: text.indexOf('|') - 2,
    });
    expect(spot(`${ROUTE_OPEN}  WHEN keyword("a") OR projection(|`)).toMatchObject({
      kind: 'signal-name',
      type: 'projection',
      quoted: false,
    });
    // Fields after a reference, with a brace inside its parentheses, stay in the condition.
    expect(spot(`${ROUTE_OPEN}  WHEN domain("a", predicate: { gt: 1 }) AND |`)?.kind).toBe(
      'signal-type',
    );
  });

  it('offers AND/OR after a complete reference', () => {
    expect(spot(`${ROUTE_OPEN}  WHEN keyword("a") |`)?.kind).toBe('operator');
  });

  it('offers models after MODEL, after a comma in its list, and in a FOR list', () => {
    expect(spot(`${ROUTE_OPEN}  MODEL |`)?.kind).toBe('model');
    expect(spot(`${ROUTE_OPEN}  MODEL "a", "lo|`)).toMatchObject({ kind: 'model', typed: 'lo' });
    expect(spot('MODEL |')?.kind).toBe('model');
    expect(spot(`${ROUTE_OPEN}  FOR c IN [|`)?.kind).toBe('model');
    expect(spot(`${ROUTE_OPEN}  ALGORITHM x { a: 1 }, |`)).toBeNull();
  });

  it('offers plugin templates after PLUGIN in a route, not where a template is declared', () => {
    expect(spot(`${ROUTE_OPEN}  PLUGIN sh|`)).toMatchObject({ kind: 'plugin', typed: 'sh' });
    expect(spot('PLUGIN |')).toBeNull();
  });

  it('ignores keywords inside strings and comments', () => {
    expect(spot('SIGNAL keyword a { description: "ROUTE x {" }\n# ROUTE y {\nRO|')?.kind).toBe(
      'keywords',
    );
  });
});

describe('scan helpers', () => {
  it('tracks the blocks open at the end', () => {
    const tokens = scanTokens('RECIPE r {\n ROUTE a {\n  ALGORITHM x { k: { } }\n  PLUGIN p {');
    expect(openBlocks(tokens)).toEqual(['RECIPE', 'ROUTE', 'PLUGIN']);
  });

  it('knows when a condition has ended', () => {
    expect(inCondition(scanTokens('ROUTE a {\n WHEN x("a")\n MODEL m'))).toBe(false);
    expect(inCondition(scanTokens('ROUTE a {\n WHEN x("a") AND'))).toBe(true);
  });
});

const SYMBOLS: PolicySymbols = {
  signals: [
    { type: 'keyword', name: 'urgent' },
    { type: 'domain', name: 'computer science' },
    { type: 'keyword', name: 'private' },
  ],
  projectionOutputs: ['band_low'],
  models: ['qwen2.5:3b', 'cloud/big'],
  plugins: ['short_answers'],
  routes: ['fast'],
};

describe('optionsFor', () => {
  const at = (text: string) => {
    const found = spot(text);
    if (!found) throw new Error(`no completion spot in ${text}`);
    return optionsFor(found, SYMBOLS);
  };

  it('filters signal names by the type being referenced, quoting when needed', () => {
    expect(at(`${ROUTE_OPEN}  WHEN keyword("|`).map((o) => [o.label, o.apply])).toEqual([
      ['urgent', 'urgent'],
      ['private', 'private'],
    ]);
    expect(at(`${ROUTE_OPEN}  WHEN domain(|`).map((o) => o.apply)).toEqual(['"computer science"']);
    expect(at(`${ROUTE_OPEN}  WHEN projection("|`).map((o) => o.label)).toEqual(['band_low']);
  });

  it('offers each declared signal type once, plus projection when mappings exist', () => {
    expect(at(`${ROUTE_OPEN}  WHEN |`).map((o) => o.label)).toEqual([
      'keyword',
      'domain',
      'projection',
    ]);
  });

  it('writes a model bare only when the DSL allows it', () => {
    expect(at(`${ROUTE_OPEN}  MODEL |`).map((o) => o.apply)).toEqual(['"qwen2.5:3b"', 'cloud/big']);
    expect(at(`${ROUTE_OPEN}  MODEL "|`).map((o) => o.apply)).toEqual(['qwen2.5:3b', 'cloud/big']);
    expect(at(`${ROUTE_OPEN}  PLUGIN |`).map((o) => o.label)).toEqual(['short_answers']);
  });

  it('nameText keeps a name as typed inside quotes', () => {
    expect(nameText('a b', true)).toBe('a b');
    expect(nameText('a_b', false)).toBe('a_b');
    expect(nameText('a_b', false, true)).toBe('"a_b"');
  });
});
