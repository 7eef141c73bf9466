// Upstream's decision algorithm types (reference §4.5), named once: the
// config schema knows their sub-blocks, selection knows how to run them.

/** Selector algorithms pick one model and the request is proxied as usual. */
export const SELECTOR_ALGORITHMS = ['static', 'latency_aware', 'multi_factor'] as const;
/** Selectors that need an on-device model or a helper LLM; without it upstream falls back to the first candidate. */
export const MODEL_BACKED_SELECTORS = [
  'router_dc',
  'hybrid',
  'automix',
  'knn',
  'kmeans',
  'svm',
  'mlp',
  'prompt',
] as const;
/** Looper algorithms call several models per request; the final model is known only when it runs. */
export const LOOPER_ALGORITHMS = ['confidence', 'ratings', 'remom', 'fusion', 'workflows'] as const;

export const ALGORITHM_TYPES = [
  ...SELECTOR_ALGORITHMS,
  ...MODEL_BACKED_SELECTORS,
  ...LOOPER_ALGORITHMS,
] as const;
