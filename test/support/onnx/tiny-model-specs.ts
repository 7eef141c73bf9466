// TEST SUPPORT: what the tiny models compute, per model role. A test passes
// a spec (or takes the role's default) and works the expected outputs out by
// hand from it. Keys of `vectors` / `contributions` are tiny-vocabulary words
// or tokens (see tinyTokenId); every token not listed gets zeros (or
// `otherTokens`). The ONNX graphs are in onnx-builder.ts.
import type { ModelRole, ModelTask } from '../../../src-main/core/ml/catalog/model-catalog';
import type { Matrix } from './onnx-builder';
import { embeddingGraph, sequenceClassifierGraph, tokenClassifierGraph } from './onnx-builder';
import type { GraphSpec } from './onnx-proto';
import type { TinyWordGroup } from './tiny-tokenizer';
import {
  EMAIL_DOMAIN_TOKEN,
  TINY_VOCAB_SIZE,
  TINY_WORD_GROUPS,
  tinyTokenId,
} from './tiny-tokenizer';

export interface TinyEmbeddingSpec {
  /** word/token → its hidden state (all the same length H). */
  vectors: Readonly<Record<string, readonly number[]>>;
  /** 'unused' (default): padded positions keep their row; [PAD]'s row defaults to H × 100. */
  mask?: 'unused' | 'multiply';
}

export interface TinySequenceClassifierSpec {
  labels: readonly string[];
  /** word/token → its contribution to each label's logit. */
  contributions: Readonly<Record<string, readonly number[]>>;
  bias?: readonly number[];
  /** 'sum' (default): logits = bias + Σ rows of the unmasked tokens; 'mean' divides the Σ by their count. */
  pooling?: 'sum' | 'mean';
}

export interface TinyTokenClassifierSpec {
  /** BIO labels, index 0 first. */
  labels: readonly string[];
  /** word/token → its label logits. */
  contributions: Readonly<Record<string, readonly number[]>>;
  /** Label logits of every token not listed, special tokens included. */
  otherTokens: readonly number[];
  bias?: readonly number[];
}

export type TinySpec<R extends ModelRole = ModelRole> = R extends 'embedding'
  ? TinyEmbeddingSpec
  : R extends 'pii'
    ? TinyTokenClassifierSpec
    : TinySequenceClassifierSpec;

/** The embedding's default axes: a word of one of these groups is the one-hot vector of its group. */
export const EMBEDDING_AXES = [
  'code',
  'law',
  'maths',
  'greeting',
] as const satisfies TinyWordGroup[];

export const DOMAIN_LABELS = [
  'business',
  'law',
  'psychology',
  'biology',
  'chemistry',
  'history',
  'other',
  'health',
  'economics',
  'math',
  'physics',
  'computer science',
  'philosophy',
  'engineering',
] as const;

export const PII_LABELS = ['O', 'B-EMAIL_ADDRESS', 'I-EMAIL_ADDRESS', 'B-PERSON', 'I-PERSON'];

/** One row per word: `value` at `labels.indexOf(label)`, zeros elsewhere. */
function rowsFor(
  words: readonly string[],
  labels: readonly string[],
  label: string,
  value: number,
) {
  const at = labels.indexOf(label);
  if (at < 0) throw new Error(`no label ${label}`);
  const row = labels.map((_, i) => (i === at ? value : 0));
  return Object.fromEntries(words.map((word) => [word, row]));
}

/** The role's default model, chosen so every number is easy to work out. */
export function defaultTinySpec<R extends ModelRole>(role: R): TinySpec<R> {
  const g = TINY_WORD_GROUPS;
  const seq = (labels: readonly string[], bias: number[], ...groups: [string[], string][]) => ({
    labels,
    bias,
    contributions: Object.assign({}, ...groups.map(([w, l]) => rowsFor(w, labels, l, 3))),
  });
  const specs: { [K in ModelRole]: TinySpec<K> } = {
    embedding: {
      vectors: Object.assign(
        {},
        ...EMBEDDING_AXES.map((axis) => rowsFor(g[axis], EMBEDDING_AXES, axis, 1)),
      ),
    },
    domain: {
      labels: DOMAIN_LABELS,
      contributions: {
        ...rowsFor(g.code, DOMAIN_LABELS, 'computer science', 2),
        ...rowsFor(g.law, DOMAIN_LABELS, 'law', 2),
        ...rowsFor(g.maths, DOMAIN_LABELS, 'math', 2),
      },
    },
    jailbreak: seq(['benign', 'jailbreak'], [1, 0], [[...g.jailbreak], 'jailbreak']),
    fact_check: seq(
      ['NO_FACT_CHECK_NEEDED', 'FACT_CHECK_NEEDED'],
      [1, 0],
      [[...g.facts], 'FACT_CHECK_NEEDED'],
    ),
    feedback: seq(
      ['SAT', 'NEED_CLARIFICATION', 'WRONG_ANSWER', 'WANT_DIFFERENT'],
      [0, 0, 0, 0],
      [['thanks', 'thank', 'great', 'perfect'], 'SAT'],
      [['explain', 'clarify', 'mean'], 'NEED_CLARIFICATION'],
      [['wrong', 'incorrect'], 'WRONG_ANSWER'],
      [['different', 'another'], 'WANT_DIFFERENT'],
    ),
    modality: seq(['AR', 'DIFFUSION', 'BOTH'], [1, 0, 0], [[...g.media], 'DIFFUSION']),
    pii: {
      labels: PII_LABELS,
      otherTokens: [4, 0, 0, 0, 0],
      contributions: {
        ...rowsFor(['jdoe'], PII_LABELS, 'B-EMAIL_ADDRESS', 4),
        ...rowsFor([EMAIL_DOMAIN_TOKEN], PII_LABELS, 'I-EMAIL_ADDRESS', 4),
        ...rowsFor(['alice', 'bob'], PII_LABELS, 'B-PERSON', 4),
        ...rowsFor(['smith'], PII_LABELS, 'I-PERSON', 2),
      },
    },
  };
  return specs[role];
}

/** [vocab][width]: `fallback` everywhere except the listed words/tokens. */
function table(rows: Readonly<Record<string, readonly number[]>>, fallback: readonly number[]) {
  const out: number[][] = Array.from({ length: TINY_VOCAB_SIZE }, () => [...fallback]);
  for (const [key, row] of Object.entries(rows)) {
    if (row.length !== fallback.length)
      throw new Error(`${key}: ${row.length} values, expected ${fallback.length}`);
    out[tinyTokenId(key)] = [...row];
  }
  return out;
}

export function graphFor(task: ModelTask, spec: TinySpec): { graph: GraphSpec; width: number } {
  if (task === 'embedding') {
    const { vectors, mask } = spec as TinyEmbeddingSpec;
    const width = Object.values(vectors)[0]?.length ?? 0;
    const rows = { '[PAD]': new Array<number>(width).fill(100), ...vectors };
    const t: Matrix = table(rows, new Array<number>(width).fill(0));
    return { graph: embeddingGraph({ table: t, mask: mask ?? 'unused' }), width };
  }
  const { labels, contributions, bias } = spec as TinySequenceClassifierSpec;
  if (task === 'token_classification') {
    const { otherTokens } = spec as TinyTokenClassifierSpec;
    return {
      graph: tokenClassifierGraph({ table: table(contributions, otherTokens), bias }),
      width: labels.length,
    };
  }
  const { pooling } = spec as TinySequenceClassifierSpec;
  const t = table(contributions, new Array<number>(labels.length).fill(0));
  return { graph: sequenceClassifierGraph({ table: t, bias, pooling }), width: labels.length };
}
