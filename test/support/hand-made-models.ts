import type { Global } from '../../src-main/core/config/schema/global';
import type {
  Embedder,
  MlRuntime,
  SequenceClassifier,
  TokenClassifier,
  TokenEntity,
} from '../../src-main/core/ml/types';
import type { RoutingRequest } from '../../src-main/core/router/request';
import type { LoadedKb, PrepareEnv, SignalInput } from '../../src-main/core/signals/signal-module';
import { buildTextViews } from '../../src-main/core/signals/text-views';

// TEST INPUTS, not product code: hand-made stand-ins for the on-device models
// so the signals' decision logic can be checked with numbers chosen by hand.
// Every stand-in records what it was asked, so tests can see which texts a
// family embedded or classified.

/** Scales a vector to length 1 (a zero vector stays zero). */
export function normalize(values: readonly number[]): Float32Array {
  const length = Math.sqrt(values.reduce((s, v) => s + v * v, 0));
  return Float32Array.from(values, (v) => (length === 0 ? 0 : v / length));
}

/** A 2-D unit vector whose cosine with [1, 0] is `cos` (on the positive-y side). */
export function atCosine(cos: number): number[] {
  return [cos, Math.sqrt(Math.max(0, 1 - cos * cos))];
}

/** A 2-D unit vector at `degrees` from [1, 0]. */
export function atAngle(degrees: number): number[] {
  const radians = (degrees * Math.PI) / 180;
  return [Math.cos(radians), Math.sin(radians)];
}

export interface RecordingEmbedder extends Embedder {
  /** Every batch the embedder was asked for, in order. */
  calls: string[][];
}

/**
 * An embedder that looks texts up in a table written by the test; unknown
 * texts throw, so a test notices when a family embeds something unexpected.
 */
export function lookupEmbedder(table: Record<string, readonly number[]>): RecordingEmbedder {
  const calls: string[][] = [];
  return {
    id: 'hand-made-lookup',
    calls,
    embed(texts) {
      calls.push([...texts]);
      return Promise.resolve(
        texts.map((text) => {
          const vector = table[text];
          if (!vector)
            throw new Error(`hand-made embedder has no vector for ${JSON.stringify(text)}`);
          return normalize(vector);
        }),
      );
    },
  };
}

/** Bag-of-words over a fixed vocabulary, L2-normalised: texts sharing words are close. */
export function bagOfWordsEmbedder(vocabulary: readonly string[]): RecordingEmbedder {
  const calls: string[][] = [];
  const index = new Map(vocabulary.map((word, i) => [word.toLowerCase(), i]));
  return {
    id: 'hand-made-bag-of-words',
    calls,
    embed(texts) {
      calls.push([...texts]);
      return Promise.resolve(
        texts.map((text) => {
          const counts = new Array<number>(vocabulary.length).fill(0);
          for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
            const i = index.get(word);
            if (i !== undefined) counts[i] = (counts[i] ?? 0) + 1;
          }
          return normalize(counts);
        }),
      );
    },
  };
}

export interface RecordingClassifier extends SequenceClassifier {
  calls: string[];
}

/** A sequence classifier returning fixed probabilities (or ones chosen per text by the test). */
export function fixedClassifier(
  labels: readonly string[],
  probabilities: readonly number[] | ((text: string) => readonly number[]),
): RecordingClassifier {
  const calls: string[] = [];
  return {
    id: 'hand-made-classifier',
    labels,
    calls,
    classify(text) {
      calls.push(text);
      const p = typeof probabilities === 'function' ? probabilities(text) : probabilities;
      return Promise.resolve([...p]);
    },
  };
}

export interface RecordingTokenClassifier extends TokenClassifier {
  calls: string[];
}

/** A token classifier whose entities the test computes from the text. */
export function fixedTokenClassifier(
  find: (text: string) => TokenEntity[],
): RecordingTokenClassifier {
  const calls: string[] = [];
  return {
    id: 'hand-made-token-classifier',
    calls,
    classifyTokens(text) {
      calls.push(text);
      return Promise.resolve(find(text));
    },
  };
}

export function prepareEnv(
  options: { ml?: MlRuntime; global?: Global; kbs?: ReadonlyMap<string, LoadedKb> } = {},
): PrepareEnv {
  return { ml: options.ml ?? {}, global: options.global ?? {}, kbs: options.kbs ?? new Map() };
}

/**
 * A signal input for a text or a request. `query` is the shared query
 * embedding as the pipeline would provide it: a fixed vector, or the
 * embedding of the semantic text by a (separate) embedder.
 */
export function signalInput(
  request: string | RoutingRequest,
  query?: Embedder | readonly number[],
): SignalInput {
  const req: RoutingRequest = typeof request === 'string' ? { text: request } : request;
  const views = buildTextViews(req);
  if (query === undefined) return { request: req, views };
  const queryEmbedding = Array.isArray(query)
    ? () => Promise.resolve(normalize(query))
    : async () => {
        const [vector] = await (query as Embedder).embed([views.semanticText]);
        if (!vector) throw new Error('no query vector');
        return vector;
      };
  return { request: req, views, queryEmbedding };
}
