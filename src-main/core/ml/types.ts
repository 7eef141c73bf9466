// What model-based signals need from the ML layer. The signals depend on
// these interfaces only; the ONNX implementations arrive with the model
// catalog. A missing model leaves its slot empty and the signal reports
// `unavailable` — it never guesses.

/** Turns texts into L2-normalised vectors (cosine similarity = dot product). */
export interface Embedder {
  readonly id: string;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** A sequence classifier: one probability per label, in `labels` order. */
export interface SequenceClassifier {
  readonly id: string;
  readonly labels: readonly string[];
  classify(text: string): Promise<number[]>;
}

export interface TokenEntity {
  /** Entity type as the model names it, e.g. EMAIL_ADDRESS, PERSON. */
  type: string;
  /** UTF-16 offsets into the classified text. */
  start: number;
  end: number;
  score: number;
}

/** A token classifier (PII): entities found in the text. */
export interface TokenClassifier {
  readonly id: string;
  classifyTokens(text: string): Promise<TokenEntity[]>;
}

/** The models available to this router; absent means not installed. */
export interface MlRuntime {
  embedder?: Embedder;
  domain?: SequenceClassifier;
  factCheck?: SequenceClassifier;
  feedback?: SequenceClassifier;
  jailbreak?: SequenceClassifier;
  pii?: TokenClassifier;
  modality?: SequenceClassifier;
}
