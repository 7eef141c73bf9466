import type { SequenceClassifier, TokenClassifier, TokenEntity } from '../types';
import type { ModelTokenizer } from './hf-tokenizer';
import type { Int64Feed, OpenSession } from './model-runner';

/** Softmax over one row of logits, stable for large values. */
export function softmax(
  logits: ArrayLike<number>,
  from = 0,
  length = logits.length - from,
): number[] {
  let max = -Infinity;
  for (let i = 0; i < length; i++) max = Math.max(max, logits[from + i] ?? -Infinity);
  const exps = Array.from({ length }, (_, i) => Math.exp((logits[from + i] ?? 0) - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

async function runLogits(opened: OpenSession, tokenizer: ModelTokenizer, text: string) {
  const encoded = await tokenizer.encode(text);
  const dims = [1, encoded.ids.length];
  const { runner } = opened;
  const feeds: Record<string, Int64Feed> = {};
  if (runner.inputNames.includes('input_ids'))
    feeds['input_ids'] = { type: 'int64', data: encoded.ids, dims };
  if (runner.inputNames.includes('attention_mask'))
    feeds['attention_mask'] = { type: 'int64', data: encoded.attentionMask, dims };
  const outputs = await runner.run(feeds);
  const name = runner.outputNames.includes('logits') ? 'logits' : runner.outputNames[0];
  const output = name ? outputs[name] : undefined;
  if (!output) throw new Error('the model produced no logits');
  return { encoded, logits: output.data, dims: output.dims };
}

/** A classifier model: its session, tokenizer and label names. */
abstract class OnnxLabelModel {
  constructor(
    readonly id: string,
    readonly labels: readonly string[],
    protected readonly opened: OpenSession,
    protected readonly tokenizer: ModelTokenizer,
  ) {}

  get executionProvider(): string {
    return this.opened.executionProvider;
  }
}

/** A sequence classifier: softmax probabilities per label, in the model's label order. */
export class OnnxSequenceClassifier extends OnnxLabelModel implements SequenceClassifier {
  async classify(text: string): Promise<number[]> {
    const { logits, dims } = await runLogits(this.opened, this.tokenizer, text);
    const width = dims[dims.length - 1] ?? logits.length;
    return softmax(logits, 0, width);
  }
}

/**
 * A BIO token classifier (PII): each token's most likely label, merged into
 * entities — B-X starts one, I-X of the same type continues it — with
 * UTF-16 spans into the text and the mean of their tokens' probabilities.
 */
export class OnnxTokenClassifier extends OnnxLabelModel implements TokenClassifier {
  async classifyTokens(text: string): Promise<TokenEntity[]> {
    const { encoded, logits, dims } = await runLogits(this.opened, this.tokenizer, text);
    const width = dims[dims.length - 1] ?? this.labels.length;
    const entities: TokenEntity[] = [];
    let open: { type: string; start: number; end: number; scores: number[] } | undefined;
    const close = () => {
      if (open)
        entities.push({
          type: open.type,
          start: open.start,
          end: open.end,
          score: open.scores.reduce((a, b) => a + b, 0) / open.scores.length,
        });
      open = undefined;
    };
    encoded.ids.forEach((_, t) => {
      if (encoded.special[t] === 1) return close();
      const probabilities = softmax(logits, t * width, width);
      const best = probabilities.indexOf(Math.max(...probabilities));
      const label = this.labels[best] ?? 'O';
      const [start, end] = trimLeadingSpace(text, encoded.offsets[t] ?? [0, 0]);
      const [tag, type] = splitLabel(label);
      if (tag === 'O') return close();
      if (tag === 'B' || !open || open.type !== type) {
        close();
        open = { type, start, end, scores: [probabilities[best] ?? 0] };
      } else {
        open.end = end;
        open.scores.push(probabilities[best] ?? 0);
      }
    });
    close();
    return entities;
  }
}

function splitLabel(label: string): ['B' | 'I' | 'O', string] {
  if (label === 'O' || label === '') return ['O', ''];
  const match = /^([BI])-(.+)$/.exec(label);
  return match ? [match[1] as 'B' | 'I', match[2] as string] : ['B', label];
}

/** Tokens carry the space before them (`▁world` spans " world"); entities do not. */
function trimLeadingSpace(text: string, [start, end]: [number, number]): [number, number] {
  let s = start;
  while (s < end && /\s/.test(text[s] ?? '')) s++;
  return [s, end];
}
