// Vector helpers for model-backed signals. Embedders promise L2-normalised
// vectors, but cosine divides by the norms anyway so that a vector that is
// slightly off (or a hand-made one) still scores in [-1, 1].

/** Dot product over the shared length of the two vectors. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const length = Math.min(a.length, b.length);
  let sum = 0;
  for (let i = 0; i < length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

/** Euclidean length. */
export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/** Cosine similarity; 0 when either vector is all zeros (nothing to compare). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const denominator = norm(a) * norm(b);
  if (denominator === 0) return 0;
  return dot(a, b) / denominator;
}

/** The largest cosine between `query` and any of `vectors`; undefined when there are none. */
export function maxCosine(
  query: ArrayLike<number>,
  vectors: readonly ArrayLike<number>[],
): number | undefined {
  let best: number | undefined;
  for (const vector of vectors) {
    const similarity = cosine(query, vector);
    if (best === undefined || similarity > best) best = similarity;
  }
  return best;
}
