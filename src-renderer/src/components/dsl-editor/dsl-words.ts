// The DSL's keywords as the editor knows them. The renderer cannot import the
// core's lexer, so the lists are repeated here; a unit test holds them equal
// to the core's (test/unit/renderer/dsl-language.test.ts).

/** Keywords that start a declaration, in the order completion offers them. */
export const BLOCK_KEYWORD_LIST = [
  'SIGNAL',
  'PROJECTION',
  'ROUTE',
  'MODEL',
  'PLUGIN',
  'ROUTING',
  'ENTRYPOINT',
  'RECIPE',
  'DECISION_TREE',
  'TEST',
] as const;

/** What a RECIPE may hold: no MODEL, no ENTRYPOINT, no nested RECIPE. */
export const RECIPE_KEYWORD_LIST = BLOCK_KEYWORD_LIST.filter(
  (k) => k !== 'MODEL' && k !== 'ENTRYPOINT' && k !== 'RECIPE',
);

/** Items of a ROUTE body. */
export const ROUTE_ITEM_LIST = [
  'PRIORITY',
  'TIER',
  'WHEN',
  'MODEL',
  'ALGORITHM',
  'PLUGIN',
  'DESCRIPTION',
  'FOR',
  'EMIT',
] as const;

/** Items of a DECISION_TREE branch: NAME instead of PRIORITY and WHEN. */
export const BRANCH_ITEM_LIST = [
  'NAME',
  'DESCRIPTION',
  'TIER',
  'MODEL',
  'ALGORITHM',
  'PLUGIN',
  'FOR',
  'EMIT',
] as const;

export const BLOCK_KEYWORDS: ReadonlySet<string> = new Set(BLOCK_KEYWORD_LIST);

/** Route-body and decision-tree words (highlighted alike). */
export const ROUTE_KEYWORDS: ReadonlySet<string> = new Set([
  ...ROUTE_ITEM_LIST,
  'NAME',
  'IF',
  'ELSE',
  'IN',
]);

export const OPERATOR_KEYWORDS: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT']);
