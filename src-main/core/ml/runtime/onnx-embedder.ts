import type { Embedder } from '../types';
import type { ModelTokenizer } from './hf-tokenizer';
import { stackBatch } from './hf-tokenizer';
import type { Int64Feed, OpenSession } from './model-runner';

const BATCH = 8;

/**
 * Sentence embeddings from an encoder's last hidden state (reference §8.2):
 * mean over real tokens (attention mask), truncated to the matryoshka
 * dimension, L2-normalised so cosine similarity is a dot product.
 */
export class OnnxEmbedder implements Embedder {
  constructor(
    readonly id: string,
    private readonly opened: OpenSession,
    private readonly tokenizer: ModelTokenizer,
    private readonly dimension: number,
  ) {}

  get executionProvider(): string {
    return this.opened.executionProvider;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH) {
      vectors.push(...(await this.embedBatch(texts.slice(start, start + BATCH))));
    }
    return vectors;
  }

  private async embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    const encodings = await Promise.all(texts.map((text) => this.tokenizer.encode(text)));
    const { ids, mask, dims } = stackBatch(encodings, this.tokenizer.padId);
    const { runner } = this.opened;
    const feeds: Record<string, Int64Feed> = {};
    if (runner.inputNames.includes('input_ids'))
      feeds['input_ids'] = { type: 'int64', data: ids, dims };
    if (runner.inputNames.includes('attention_mask'))
      feeds['attention_mask'] = { type: 'int64', data: mask, dims };
    const outputs = await runner.run(feeds);
    const name = runner.outputNames.includes('last_hidden_state')
      ? 'last_hidden_state'
      : runner.outputNames[0];
    const output = name ? outputs[name] : undefined;
    if (!output) throw new Error(`${this.id}: the model produced no output`);
    return pool(output.data, output.dims, mask, this.dimension);
  }
}

/** [batch, seq, hidden] → masked mean; [batch, hidden] is taken as pooled already. */
export function pool(
  data: Float32Array,
  dims: readonly number[],
  mask: BigInt64Array,
  dimension: number,
): Float32Array[] {
  const [batch = 0] = dims;
  const pooledAlready = dims.length === 2;
  const seq = pooledAlready ? 1 : (dims[1] ?? 0);
  const hidden = (pooledAlready ? dims[1] : dims[2]) ?? 0;
  const size = Math.min(hidden, dimension > 0 ? dimension : hidden);
  const vectors: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const sum = new Float32Array(hidden);
    let count = 0;
    for (let t = 0; t < seq; t++) {
      if (!pooledAlready && mask[b * seq + t] === 0n) continue;
      const offset = (b * seq + t) * hidden;
      for (let h = 0; h < hidden; h++) sum[h] = (sum[h] ?? 0) + (data[offset + h] ?? 0);
      count++;
    }
    const vector = sum.subarray(0, size).map((v) => v / Math.max(1, count));
    const norm = Math.hypot(...vector);
    vectors.push(norm > 0 ? vector.map((v) => v / norm) : vector);
  }
  return vectors;
}
