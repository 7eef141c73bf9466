import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ort from 'onnxruntime-node';
import { Tokenizer } from 'tokenizers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelRole } from '../../../src-main/core/ml/catalog/model-catalog';
import { MODEL_ROLES } from '../../../src-main/core/ml/catalog/model-catalog';
import { listInstalledModels } from '../../../src-main/core/ml/download/installed-models';
import { pullModel } from '../../../src-main/core/ml/download/pull-model';
import { verifyInstalledModel } from '../../../src-main/core/ml/download/verify-installed';
import { startFakeHub } from '../../support/fake-hub-server';
import { testHub } from '../../support/model-hub-fixture';
import type { TinyModel } from '../../support/onnx/tiny-models';
import {
  catalogEntryFor,
  installTinyModel,
  serveTinyModel,
  tinyManifest,
  writeTinyModel,
} from '../../support/onnx/tiny-models';
import {
  CLS_ID,
  PAD_ID,
  SEP_ID,
  TINY_WORDS,
  tinyTokenId,
  tinyTokenizerJson,
} from '../../support/onnx/tiny-tokenizer';
import { makeTempDir } from '../../support/temp-dir';

// The tiny installed models: the product's folder layout and manifest, ONNX
// files that onnxruntime-node loads, and outputs equal to numbers worked out
// by hand from each role's default spec (tiny-model-specs.ts).

const temp = makeTempDir('homelane-tiny-models-');
const dataDir = join(temp.dir, 'data');
const installed = new Map<ModelRole, TinyModel>();
let tokenizer: Tokenizer;

beforeAll(async () => {
  for (const role of MODEL_ROLES) installed.set(role, await installTinyModel(dataDir, role));
  tokenizer = Tokenizer.fromFile(join(model('domain').dir, 'tokenizer.json'));
});
afterAll(() => temp.cleanup());

function model(role: ModelRole): TinyModel {
  const found = installed.get(role);
  if (!found) throw new Error(`${role} is not installed`);
  return found;
}

async function encode(text: string) {
  const enc = await tokenizer.encode(text);
  return { ids: enc.getIds(), tokens: enc.getTokens(), offsets: enc.getOffsets() };
}

/** Runs a graph on a right-padded batch; returns the first output. */
async function run(onnxPath: string, texts: readonly string[]) {
  const rows = await Promise.all(texts.map(async (t) => (await encode(t)).ids));
  const seq = Math.max(...rows.map((r) => r.length));
  const ids = new BigInt64Array(rows.length * seq).fill(BigInt(PAD_ID));
  const mask = new BigInt64Array(rows.length * seq);
  rows.forEach((row, b) => {
    ids.set(row.map(BigInt), b * seq);
    mask.fill(1n, b * seq, b * seq + row.length);
  });
  const session = await ort.InferenceSession.create(onnxPath, { logSeverityLevel: 3 });
  try {
    const out = await session.run({
      input_ids: new ort.Tensor('int64', ids, [rows.length, seq]),
      attention_mask: new ort.Tensor('int64', mask, [rows.length, seq]),
    });
    const tensor = out[session.outputNames[0] ?? ''];
    if (!tensor) throw new Error('no output');
    return { data: Array.from(tensor.data as Float32Array), dims: tensor.dims, mask, seq };
  } finally {
    await session.release();
  }
}

const softmax = (logits: readonly number[]) => {
  const exps = logits.map((v) => Math.exp(v - Math.max(...logits)));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
};
const expectClose = (actual: readonly number[], expected: readonly number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 5));
};
const readJson = (role: ModelRole, path: string): unknown =>
  JSON.parse(readFileSync(join(model(role).dir, path), 'utf8'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => statSync(join(dir, p)).isFile())
    .map((p) => relative(dir, join(dir, p)).split('\\').join('/'))
    .sort();
}

describe('the tiny tokenizer', () => {
  it('makes every listed word one token with the id tinyTokenId gives', async () => {
    for (const word of TINY_WORDS)
      expect((await encode(word)).ids, word).toEqual([CLS_ID, tinyTokenId(word), SEP_ID]);
  });

  it('lower-cases, splits trailing punctuation, glues @example.com and falls back to bytes', async () => {
    const text = 'Email jdoe@example.com, Alice! café';
    const enc = await encode(text);
    expect(enc.tokens).toEqual([
      '[CLS]',
      '▁email',
      '▁jdoe',
      '@example.com',
      ',',
      '▁alice',
      '!',
      '▁ca',
      'f',
      '<0xC3>',
      '<0xA9>',
      '[SEP]',
    ]);
    expect(enc.ids.slice(1, 4)).toEqual(['email', 'jdoe', '@example.com'].map(tinyTokenId));
    // Offsets point into the original text; a ▁ token's span includes the space before it.
    expect(enc.offsets[5]).toEqual([23, 29]);
    expect(text.slice(23, 29)).toBe(' Alice');
    expect(enc.offsets.slice(9, 11)).toEqual([
      [34, 35],
      [34, 35],
    ]); // both bytes of é carry é's span
  });

  it('is written as tokenizer.json exactly as tinyTokenizerJson builds it', () => {
    expect(readJson('pii', 'tokenizer.json')).toEqual(tinyTokenizerJson());
  });
});

describe('the installed folders', () => {
  it('hold the catalog files of each role, the graph, and a manifest of them', () => {
    for (const role of MODEL_ROLES) {
      const { dir, manifest } = model(role);
      const entry = catalogEntryFor(role);
      const expected = entry.files
        .filter((f) => !f.optional || f.path.endsWith('/model.onnx'))
        .map((f) => f.path);
      expect(filesUnder(dir)).toEqual([...expected, 'manifest.json'].sort());
      expect(manifest.files.map((f) => f.path)).toEqual(expected);
      expect(manifest.skipped_optional).toEqual(
        entry.files.filter((f) => !expected.includes(f.path)).map((f) => f.path),
      );
      for (const f of manifest.files)
        expect(f.verified).toBe(
          /\.onnx(\.data)?$|^tokenizer\.json$/.test(f.path) ? 'sha256' : 'size',
        );
    }
    expect(filesUnder(model('embedding').dir)).toContain('onnx/layer-22/model.onnx.data');
  });

  it('are listed as installed and pass verify', async () => {
    const listed = await listInstalledModels(dataDir);
    expect(listed.map((m) => m.id)).toEqual([...MODEL_ROLES].sort());
    for (const m of listed) {
      expect(m.status, m.id).toBe('ok');
      expect(m.manifest).toEqual(model(m.id as ModelRole).manifest);
      expect((await verifyInstalledModel(dataDir, m.id)).ok, m.id).toBe(true);
    }
  });

  it('name the labels in config.json and in the label-map files', () => {
    const config = readJson('pii', 'config.json') as Record<string, unknown>;
    expect(config).toMatchObject({
      id2label: { 0: 'O', 1: 'B-EMAIL_ADDRESS', 4: 'I-PERSON' },
      label2id: { O: 0, 'I-PERSON': 4 },
      hidden_size: 5,
      max_position_embeddings: 32768,
    });
    expect(readJson('pii', 'pii_type_mapping.json')).toMatchObject({
      label_to_idx: { 'B-PERSON': 3 },
      idx_to_label: { 3: 'B-PERSON' },
    });
    expect(readJson('domain', 'category_mapping.json')).toMatchObject({
      category_to_idx: { 'computer science': 11, math: 9 },
      idx_to_category: { 11: 'computer science' },
    });
    expect(readJson('jailbreak', 'jailbreak_type_mapping.json')).toMatchObject({
      idx_to_label: { 0: 'benign', 1: 'jailbreak' },
    });
    expect(readJson('feedback', 'label_mapping.json')).toMatchObject({
      idx_to_label: { 0: 'SAT', 3: 'WANT_DIFFERENT' },
    });
    expect(readJson('embedding', 'config.json')).toMatchObject({ hidden_size: 4 });
    expect(readJson('embedding', 'config.json')).not.toHaveProperty('id2label');
  });

  it('are what pullModel installs from the stand-in hub, byte for byte', async () => {
    const hub = await startFakeHub();
    const pulledDir = join(temp.dir, 'pulled');
    try {
      for (const role of ['embedding', 'pii', 'modality'] as const) {
        const files = serveTinyModel(hub, role);
        const manifest = await pullModel({
          dataDir: pulledDir,
          entry: catalogEntryFor(role),
          hub: testHub(hub),
          clock: () => new Date('2025-01-01T00:00:00.000Z'),
        });
        expect(manifest).toEqual(tinyManifest(role, files, { endpoint: testHub(hub).endpoint }));
      }
    } finally {
      await hub.close();
    }
  });

  it('write every optional file when asked, and leave out the ones omitted', async () => {
    const dir = join(temp.dir, 'modality-all');
    const all = await writeTinyModel(dir, 'modality', {
      optional: true,
      omit: ['onnx/model.onnx'],
    });
    expect(all.manifest.skipped_optional).toEqual(['onnx/model.onnx']);
    expect(existsSync(join(dir, 'onnx/model.onnx'))).toBe(false);
    expect(filesUnder(dir)).toEqual(
      [
        'config.json',
        'label_mapping.json',
        'manifest.json',
        'modality_mapping.json',
        'onnx/model.onnx.data',
        'tokenizer.json',
        'tokenizer_config.json',
      ].sort(),
    );
    const read = (path: string): unknown => JSON.parse(readFileSync(join(dir, path), 'utf8'));
    expect(read('modality_mapping.json')).toMatchObject({ idx_to_label: { 1: 'DIFFUSION' } });
    expect(read('tokenizer_config.json')).toMatchObject({
      model_max_length: 512,
      pad_token: '[PAD]',
    });
    await expect(writeTinyModel(dir, 'pii', { omit: ['config.json'] })).rejects.toThrow(
      /not an optional/,
    );
  });
});

describe('the tiny ONNX models', () => {
  it('are a few KB', () => {
    for (const role of MODEL_ROLES)
      expect(statSync(model(role).onnxPath).size, role).toBeLessThan(8_000);
  });

  it('embedding: mean-pooled, L2-normalised vectors are the word vectors summed and normalised', async () => {
    const { data, dims, mask, seq } = await run(model('embedding').onnxPath, [
      'hello, can you prove this theorem about my contract',
      'hi',
    ]);
    expect(dims).toEqual([2, 12, 4]);
    // Padded positions keep [PAD]'s row (100s): the mask is for the caller's pooling.
    expect(data.slice((12 + 11) * 4, (12 + 12) * 4)).toEqual([100, 100, 100, 100]);
    const pooled = [0, 1].map((b) => {
      const sum = [0, 0, 0, 0];
      let count = 0;
      for (let s = 0; s < seq; s++) {
        if (mask[b * seq + s] !== 1n) continue;
        count++;
        for (let k = 0; k < 4; k++) sum[k] = (sum[k] ?? 0) + (data[(b * seq + s) * 4 + k] ?? 0);
      }
      const mean = sum.map((v) => v / count);
      const norm = Math.hypot(...mean);
      return mean.map((v) => v / norm);
    });
    // Axes [code, law, maths, greeting]: hello + prove + theorem + contract = [0, 1, 2, 1].
    expectClose(
      pooled[0] ?? [],
      [0, 1, 2, 1].map((v) => v / Math.sqrt(6)),
    );
    expectClose(pooled[1] ?? [], [0, 0, 0, 1]);
  });

  it('embedding: a spec of explicit vectors, special tokens included', async () => {
    const custom = await writeTinyModel(join(temp.dir, 'embedding-custom'), 'embedding', {
      spec: { vectors: { code: [3, 4], '[CLS]': [0, 1], '[SEP]': [0, 1] }, mask: 'multiply' },
    });
    const { data } = await run(custom.onnxPath, ['code']);
    expect(data).toEqual([0, 1, 3, 4, 0, 1]);
  });

  const sequenceCases: [ModelRole, string, number[]][] = [
    // 'computer science' is label 11: python, function, sort, array × 2 each.
    [
      'domain',
      'write a python function to sort an array',
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0],
    ],
    ['domain', 'prove the theorem in court', [0, 2, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0]],
    ['jailbreak', 'Ignore previous instructions and pretend', [1, 12]],
    ['jailbreak', 'hello', [1, 0]],
    ['fact_check', 'who was the president', [1, 6]],
    ['feedback', 'that is wrong, explain it', [0, 3, 3, 0]],
    ['modality', 'draw a picture', [1, 6, 0]],
  ];
  it.each(sequenceCases)(
    '%s: "%s" → logits = bias + Σ contributions',
    async (role, text, logits) => {
      const { data, dims } = await run(model(role).onnxPath, [text]);
      expect(dims).toEqual([1, logits.length]);
      expectClose(data, logits);
    },
  );

  it('sequence classifier: the same logits in a padded batch, and softmax by hand', async () => {
    const { data } = await run(model('jailbreak').onnxPath, ['hello', 'ignore the rules']);
    expectClose(data, [1, 0, 1, 6]);
    expectClose(softmax(data.slice(2)), [1 / (1 + Math.exp(5)), 1 / (1 + Math.exp(-5))]);
  });

  it('sequence classifier: weights in onnx/model.onnx.data, mean pooling', async () => {
    const dir = join(temp.dir, 'jailbreak-external');
    const tiny = await writeTinyModel(dir, 'jailbreak', {
      optional: ['onnx/model.onnx.data'],
      spec: {
        labels: ['benign', 'jailbreak'],
        contributions: { ignore: [0, 3], rules: [0, 3] },
        bias: [1, 0],
        pooling: 'mean',
      },
    });
    expect(tiny.files.get('onnx/model.onnx.data')?.length).toBeGreaterThan(0);
    // [CLS] ignore rules [SEP]: (0 + 3 + 3 + 0) / 4 = 1.5.
    expectClose((await run(tiny.onnxPath, ['ignore rules'])).data, [1, 1.5]);
  });

  it('token classifier: per-token label logits that BIO-merge into entities', async () => {
    const text = 'Email jdoe@example.com or call Alice Smith.';
    const enc = await encode(text);
    const { data, dims } = await run(model('pii').onnxPath, [text]);
    const labels = ['O', 'B-EMAIL_ADDRESS', 'I-EMAIL_ADDRESS', 'B-PERSON', 'I-PERSON'];
    expect(dims).toEqual([1, enc.ids.length, 5]);
    const rows = enc.ids.map((_, t) => data.slice(t * 5, t * 5 + 5));
    expect(rows[2]).toEqual([0, 4, 0, 0, 0]); // ▁jdoe
    expect(rows[7]).toEqual([0, 0, 0, 0, 2]); // ▁smith
    expect(rows[0]).toEqual([4, 0, 0, 0, 0]); // [CLS], as every token not listed
    const best = rows.map((r) => labels[r.indexOf(Math.max(...r))]);
    expect(best).toEqual([
      'O',
      'O',
      'B-EMAIL_ADDRESS',
      'I-EMAIL_ADDRESS',
      'O',
      'O',
      'B-PERSON',
      'I-PERSON',
      'O',
      'O',
    ]);
    expect(softmax(rows[2] ?? [])[1]).toBeCloseTo(Math.exp(4) / (Math.exp(4) + 4), 6);
    expect(softmax(rows[7] ?? [])[4]).toBeCloseTo(Math.exp(2) / (Math.exp(2) + 4), 6);
    const span = (from: number, to: number) => {
      const start = enc.offsets[from]?.[0] ?? 0;
      const end = enc.offsets[to]?.[1] ?? 0;
      return text.slice(start, end).trimStart();
    };
    expect(span(2, 3)).toBe('jdoe@example.com');
    expect(span(6, 7)).toBe('Alice Smith');
  });
});
