import { cosine } from './vector';
import type { Embedder } from './types';

// Prototype banks (reference §2.2, §9 item 3). A rule's candidate texts are
// clustered so that near-duplicates count once and a long list of phrasings
// cannot drown out a short one; a request is then scored against at most a
// handful of representative prototypes.

/** Candidates with cosine ≥ this to a seed join the seed's cluster. */
export const PROTOTYPE_CLUSTER_THRESHOLD = 0.9;
/** A bank keeps at most this many prototypes (the largest clusters). */
export const PROTOTYPE_MAX_PROTOTYPES = 8;
/** Weight of the best similarity in the default blend; the rest goes to `support`. */
export const PROTOTYPE_BEST_WEIGHT = 0.75;
/** `support` is the mean of the top this-many similarities. */
export const PROTOTYPE_TOP_M = 2;

export interface PrototypeOptions {
  clusterThreshold: number;
  maxPrototypes: number;
  bestWeight: number;
  topM: number;
}

export const DEFAULT_PROTOTYPE_OPTIONS: Readonly<PrototypeOptions> = {
  clusterThreshold: PROTOTYPE_CLUSTER_THRESHOLD,
  maxPrototypes: PROTOTYPE_MAX_PROTOTYPES,
  bestWeight: PROTOTYPE_BEST_WEIGHT,
  topM: PROTOTYPE_TOP_M,
};

export interface EmbeddedText {
  text: string;
  vector: Float32Array;
}

export interface Prototype {
  /** The medoid's text. */
  text: string;
  vector: Float32Array;
  /** Texts of every candidate in the cluster, the medoid first. */
  members: string[];
  /** The medoid's mean similarity to the other members (1 for a single candidate). */
  avgSimilarity: number;
}

export interface PrototypeBank {
  prototypes: readonly Prototype[];
}

export interface PrototypeScore {
  /** The aggregated score rules compare with their thresholds. */
  score: number;
  /** Highest similarity to any prototype. */
  best: number;
  /** Mean of the top-`topM` similarities. */
  support: number;
  /** Similarity to every prototype, highest first. */
  similarities: number[];
  prototypeCount: number;
}

/** Identical texts once each, in first-seen order; blank texts say nothing and are dropped. */
export function uniqueTexts(texts: readonly (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const text of texts) {
    if (text === undefined || text.trim() === '' || seen.has(text)) continue;
    seen.add(text);
    out.push(text);
  }
  return out;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Greedy clustering: repeatedly take the seed whose cluster (remaining items
 * with cosine ≥ threshold to it) is largest — ties to the lexicographically
 * smaller text — and represent the cluster by its medoid.
 */
export function buildPrototypeBank(
  items: readonly EmbeddedText[],
  options: Partial<PrototypeOptions> = {},
): PrototypeBank {
  const { clusterThreshold, maxPrototypes } = { ...DEFAULT_PROTOTYPE_OPTIONS, ...options };
  const byText = new Map<string, EmbeddedText>();
  for (const item of items) if (!byText.has(item.text)) byText.set(item.text, item);
  const unique = [...byText.values()];
  const sim: number[][] = unique.map((a) => unique.map((b) => cosine(a.vector, b.vector)));
  const at = (i: number, j: number): number => sim[i]?.[j] ?? 0;
  const textOf = (i: number): string => unique[i]?.text ?? '';

  const remaining = new Set<number>(unique.keys());
  const clusters: { prototype: Prototype; size: number }[] = [];
  while (remaining.size > 0) {
    let seedMembers: number[] = [];
    let seed = -1;
    for (const candidate of remaining) {
      const members = [...remaining].filter(
        (j) => j === candidate || at(candidate, j) >= clusterThreshold,
      );
      const better =
        seed === -1 ||
        members.length > seedMembers.length ||
        (members.length === seedMembers.length && compareText(textOf(candidate), textOf(seed)) < 0);
      if (better) {
        seed = candidate;
        seedMembers = members;
      }
    }
    for (const j of seedMembers) remaining.delete(j);
    clusters.push({ prototype: medoidOf(seedMembers, at, unique), size: seedMembers.length });
  }

  clusters.sort(
    (a, b) =>
      b.size - a.size ||
      b.prototype.avgSimilarity - a.prototype.avgSimilarity ||
      compareText(a.prototype.text, b.prototype.text),
  );
  return { prototypes: clusters.slice(0, Math.max(0, maxPrototypes)).map((c) => c.prototype) };
}

/** The member with the highest mean similarity to the other members (ties: smaller text). */
function medoidOf(
  members: readonly number[],
  at: (i: number, j: number) => number,
  items: readonly EmbeddedText[],
): Prototype {
  let bestIndex = members[0] ?? 0;
  let bestMean = -Infinity;
  for (const i of members) {
    const others = members.filter((j) => j !== i);
    const mean = others.length === 0 ? 1 : others.reduce((s, j) => s + at(i, j), 0) / others.length;
    const text = items[i]?.text ?? '';
    if (
      mean > bestMean ||
      (mean === bestMean && compareText(text, items[bestIndex]?.text ?? '') < 0)
    ) {
      bestIndex = i;
      bestMean = mean;
    }
  }
  const medoid = items[bestIndex];
  const rest = members.filter((j) => j !== bestIndex).map((j) => items[j]?.text ?? '');
  return {
    text: medoid?.text ?? '',
    vector: medoid?.vector ?? new Float32Array(),
    members: [medoid?.text ?? '', ...rest],
    avgSimilarity: bestMean,
  };
}

/**
 * Scores a query against a bank. `mean` averages every prototype similarity;
 * anything else (`max`, `any`, unset) blends best and support 0.75/0.25 —
 * so `max` is not a plain max (§9 item 3). An empty bank scores 0.
 */
export function scorePrototypeBank(
  bank: PrototypeBank,
  query: ArrayLike<number>,
  aggregation?: string,
  options: Partial<PrototypeOptions> = {},
): PrototypeScore {
  const { bestWeight, topM } = { ...DEFAULT_PROTOTYPE_OPTIONS, ...options };
  const similarities = bank.prototypes.map((p) => cosine(query, p.vector)).sort((a, b) => b - a);
  if (similarities.length === 0) {
    return { score: 0, best: 0, support: 0, similarities, prototypeCount: 0 };
  }
  const best = similarities[0] ?? 0;
  const top = similarities.slice(0, Math.max(1, topM));
  const support = mean(top);
  const score =
    aggregation?.toLowerCase() === 'mean'
      ? mean(similarities)
      : bestWeight * best + (1 - bestWeight) * support;
  return { score, best, support, similarities, prototypeCount: similarities.length };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}

/**
 * Embeds several candidate sets in one batch (each distinct text once) and
 * builds one bank per set, in order.
 */
export async function embedPrototypeBanks(
  embedder: Embedder,
  textSets: readonly (readonly (string | undefined)[])[],
  options: Partial<PrototypeOptions> = {},
): Promise<PrototypeBank[]> {
  const vectors = await embedTexts(
    embedder,
    textSets.flatMap((set) => uniqueTexts(set)),
  );
  return textSets.map((set) =>
    buildPrototypeBank(
      uniqueTexts(set).map((text) => ({ text, vector: vectors.get(text) ?? new Float32Array() })),
      options,
    ),
  );
}

/** Embeds each distinct text once; returns text → vector. */
export async function embedTexts(
  embedder: Embedder,
  texts: readonly string[],
): Promise<Map<string, Float32Array>> {
  const distinct = uniqueTexts(texts);
  const out = new Map<string, Float32Array>();
  if (distinct.length === 0) return out;
  const vectors = await embedder.embed(distinct);
  if (vectors.length !== distinct.length) {
    throw new Error(
      `embedder ${embedder.id} returned ${vectors.length} vectors for ${distinct.length} texts`,
    );
  }
  distinct.forEach((text, i) => {
    const vector = vectors[i];
    if (vector) out.set(text, vector);
  });
  return out;
}
