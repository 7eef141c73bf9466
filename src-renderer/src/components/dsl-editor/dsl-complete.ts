import { snippetCompletion } from '@codemirror/autocomplete';
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import type { PolicySymbols } from '../../../../src-main/contract/policy';
import { inCondition, openBlocks, scanTokens } from './dsl-scan';
import type { ScanToken } from './dsl-scan';
import {
  BLOCK_KEYWORD_LIST,
  BRANCH_ITEM_LIST,
  RECIPE_KEYWORD_LIST,
  ROUTE_ITEM_LIST,
} from './dsl-words';

// Completion for the DSL: keywords where a declaration or a route item
// starts, and the names the file declares (as the last policy.check listed
// them) where a reference goes.

export type CompletionKind =
  | { kind: 'keywords'; words: readonly string[] }
  | { kind: 'signal-type' }
  | { kind: 'signal-name'; type: string }
  | { kind: 'operator' }
  | { kind: 'model' }
  | { kind: 'plugin' };

export type CompletionSpot = CompletionKind & {
  /** Where the typed text starts (after the opening quote when quoted). */
  from: number;
  typed: string;
  /** The cursor is inside a string. */
  quoted: boolean;
};

const CONDITION_STARTS = new Set(['WHEN', 'IF', 'AND', 'OR', 'NOT', '(']);
const ROUTE_LIKE = new Set(['ROUTE', 'IF', 'ELSE']);

/** What may be typed at the end of `before` (the document up to the cursor), if anything. */
export function completionSpot(before: string): CompletionSpot | null {
  const tokens = scanTokens(before);
  const last = tokens.at(-1);
  const typing =
    last !== undefined &&
    last.to === before.length &&
    (last.kind === 'word' || (last.kind === 'string' && last.closed === false));
  const quoted = typing && last.kind === 'string';
  const from = !typing ? before.length : quoted ? last.from + 1 : last.from;
  const preceding = typing ? tokens.slice(0, -1) : tokens;
  const kind = spotKind(preceding, lineOf(before, from), quoted);
  return kind ? { ...kind, from, typed: before.slice(from), quoted } : null;
}

function spotKind(
  tokens: readonly ScanToken[],
  line: number,
  quoted: boolean,
): CompletionKind | null {
  const prev = tokens.at(-1);
  const prevText = prev?.kind === 'punct' || prev?.kind === 'word' ? prev.text : '';
  const condition = inCondition(tokens);
  const beforePrev = tokens.at(-2);
  if (condition && prevText === '(' && beforePrev?.kind === 'word' && beforePrev.to === prev?.from)
    return { kind: 'signal-name', type: beforePrev.text };
  if (quoted) return modelOrPlugin(tokens, prevText);
  if (condition && CONDITION_STARTS.has(prevText)) return { kind: 'signal-type' };
  const named = modelOrPlugin(tokens, prevText);
  if (named) return named;
  const atLineStart = prev === undefined || prev.line < line;
  if (atLineStart) return lineStartKeywords(openBlocks(tokens).at(-1));
  if (condition && (prevText === ')' || prev?.kind === 'string')) return { kind: 'operator' };
  return null;
}

function modelOrPlugin(tokens: readonly ScanToken[], prevText: string): CompletionKind | null {
  if (prevText === 'MODEL') return { kind: 'model' };
  if (prevText === ',' && lastWord(tokens) === 'MODEL') return { kind: 'model' };
  if (prevText === '[' && tokens.at(-2)?.text === 'IN') return { kind: 'model' };
  if (prevText === 'PLUGIN' && ROUTE_LIKE.has(openBlocks(tokens).at(-1) ?? '')) {
    return { kind: 'plugin' };
  }
  return null;
}

function lineStartKeywords(block: string | undefined): CompletionKind | null {
  if (block === undefined) return { kind: 'keywords', words: BLOCK_KEYWORD_LIST };
  if (block === 'RECIPE') return { kind: 'keywords', words: RECIPE_KEYWORD_LIST };
  if (block === 'ROUTE') return { kind: 'keywords', words: ROUTE_ITEM_LIST };
  if (block === 'IF' || block === 'ELSE') return { kind: 'keywords', words: BRANCH_ITEM_LIST };
  if (block === 'DECISION_TREE') return { kind: 'keywords', words: ['IF', 'ELSE'] };
  if (block === 'FOR') return { kind: 'keywords', words: ['MODEL'] };
  return null;
}

/** The last word of a model list's line: MODEL when the list is still open. */
function lastWord(tokens: readonly ScanToken[]): string | undefined {
  const line = tokens.at(-1)?.line;
  for (let i = tokens.length - 1; i >= 0; i -= 1) {
    const token = tokens[i] as ScanToken;
    if (token.line !== line) return undefined;
    if (token.kind === 'word' && /^[A-Z_]+$/.test(token.text)) return token.text;
  }
  return undefined;
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_\-./]*$/;

/** The text that writes `name` where the cursor is: quoted when it must be. */
export function nameText(name: string, quoted: boolean, alwaysQuote = false): string {
  if (quoted) return name;
  return alwaysQuote || !BARE_NAME.test(name) ? JSON.stringify(name) : name;
}

/** The names `spot` may take, from the declared symbols. */
export function optionsFor(spot: CompletionSpot, symbols: PolicySymbols): Completion[] {
  const names = (list: readonly string[], type: string, alwaysQuote = false) =>
    list.map((label) => ({ label, type, apply: nameText(label, spot.quoted, alwaysQuote) }));
  switch (spot.kind) {
    case 'keywords':
      return spot.words.map((label) => ({ label, type: 'keyword' }));
    case 'operator':
      return ['AND', 'OR'].map((label) => ({ label, type: 'keyword' }));
    case 'signal-type': {
      const types = new Set(symbols.signals.map((s) => s.type));
      if (symbols.projectionOutputs.length > 0) types.add('projection');
      // `type("…")` with the cursor between the quotes, where the names complete.
      return [...types].map((label) =>
        snippetCompletion(`${label}("\${}")`, { label, type: 'function' }),
      );
    }
    case 'signal-name': {
      const list =
        spot.type === 'projection'
          ? symbols.projectionOutputs
          : symbols.signals.filter((s) => s.type === spot.type).map((s) => s.name);
      return names(list, 'variable', true);
    }
    case 'model':
      return names(symbols.models, 'class');
    case 'plugin':
      return names(symbols.plugins, 'namespace');
  }
}

/** A CodeMirror completion source reading the symbols `symbolsOf` gives for a state. */
export function dslCompletionSource(
  symbolsOf: (context: CompletionContext) => PolicySymbols,
): (context: CompletionContext) => CompletionResult | null {
  return (context) => {
    const spot = completionSpot(context.state.sliceDoc(0, context.pos));
    if (!spot) return null;
    // Keywords pop up on their own only once a letter is typed.
    if (spot.kind === 'keywords' && spot.typed === '' && !context.explicit) return null;
    const options = optionsFor(spot, symbolsOf(context));
    if (options.length === 0) return null;
    return {
      from: spot.from,
      options,
      validFor: spot.quoted ? /^[^"]*$/ : /^[A-Za-z0-9_\-./]*$/,
    };
  };
}
