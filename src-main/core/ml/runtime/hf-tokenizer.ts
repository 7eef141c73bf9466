import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// A model's own tokenizer.json through Hugging Face's tokenizers bindings
// (the same Rust code the models were trained with), truncated to the
// model's limit. Offsets come back in code points; JavaScript strings index
// UTF-16 units, so they are converted.

export interface Encoded {
  ids: BigInt64Array;
  attentionMask: BigInt64Array;
  /** [start, end) in UTF-16 units of the input; [0, 0] for special tokens. */
  offsets: [number, number][];
  special: number[];
}

export interface ModelTokenizer {
  readonly maxLength: number;
  readonly padId: number;
  encode(text: string): Promise<Encoded>;
}

const PAD_TOKENS = ['<pad>', '[PAD]', '<PAD>'];

/** Reads the model's token limit: tokenizer_config.json, else config.json, capped by `cap`. */
export function modelMaxLength(modelDir: string, cap: number): number {
  const read = (file: string): Record<string, unknown> => {
    const path = join(modelDir, file);
    return existsSync(path)
      ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)
      : {};
  };
  const fromTokenizer = Number(read('tokenizer_config.json')['model_max_length']);
  const fromConfig = Number(read('config.json')['max_position_embeddings']);
  const limit = [fromTokenizer, fromConfig].find((n) => Number.isFinite(n) && n > 0 && n < 1e9);
  return Math.min(limit ?? cap, cap);
}

/** Loads the native tokenizers binding on first use, so lite mode never pays for it. */
export async function loadTokenizer(modelDir: string, maxLength: number): Promise<ModelTokenizer> {
  const { Tokenizer } = await import('tokenizers');
  const tokenizer = Tokenizer.fromFile(join(modelDir, 'tokenizer.json'));
  tokenizer.setTruncation(maxLength);
  const padId =
    PAD_TOKENS.map((t) => tokenizer.tokenToId(t)).find(
      (id): id is number => typeof id === 'number',
    ) ?? 0;
  return {
    maxLength,
    padId,
    async encode(text) {
      const encoding = await tokenizer.encode(text);
      const units = codePointToUtf16(text);
      return {
        ids: BigInt64Array.from(encoding.getIds(), (v) => BigInt(v)),
        attentionMask: BigInt64Array.from(encoding.getAttentionMask(), (v) => BigInt(v)),
        offsets: encoding
          .getOffsets()
          .map(([start = 0, end = 0]) => [units[start] ?? 0, units[end] ?? 0] as [number, number]),
        special: encoding.getSpecialTokensMask(),
      };
    },
  };
}

/** code point index → UTF-16 index, one entry past the end. */
export function codePointToUtf16(text: string): Uint32Array {
  const map: number[] = [];
  let units = 0;
  for (const char of text) {
    map.push(units);
    units += char.length;
  }
  map.push(units);
  return Uint32Array.from(map);
}

/** Right-pads encodings into one [batch, seq] pair of int64 buffers. */
export function stackBatch(
  encodings: readonly Encoded[],
  padId: number,
): { ids: BigInt64Array; mask: BigInt64Array; dims: [number, number] } {
  const seq = Math.max(1, ...encodings.map((e) => e.ids.length));
  const ids = new BigInt64Array(encodings.length * seq).fill(BigInt(padId));
  const mask = new BigInt64Array(encodings.length * seq);
  encodings.forEach((e, b) => {
    ids.set(e.ids, b * seq);
    mask.set(e.attentionMask, b * seq);
  });
  return { ids, mask, dims: [encodings.length, seq] };
}
