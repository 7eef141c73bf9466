import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, posix } from 'node:path';
import type { CatalogEntry, ModelRole } from '../../../src-main/core/ml/catalog/model-catalog';
import {
  findCatalogEntry,
  shippedModelCatalog,
} from '../../../src-main/core/ml/catalog/model-catalog';
import type { Manifest } from '../../../src-main/core/ml/download/model-manifest';
import { writeManifest } from '../../../src-main/core/ml/download/model-manifest';
import { installDir, repoFilePath } from '../../../src-main/core/ml/download/model-paths';
import type { FakeHub } from '../fake-hub-server';
import { COMMIT, sha256Of } from '../fake-hub-server';
import { encodeGraph } from './onnx-builder';
import type { TinySpec } from './tiny-model-specs';
import { defaultTinySpec, graphFor } from './tiny-model-specs';
import {
  CLS_ID,
  PAD_ID,
  SEP_ID,
  TINY_VOCAB_SIZE,
  tinyTokenizerConfigJson,
  tinyTokenizerJson,
} from './tiny-tokenizer';

export * from './tiny-model-specs';

// TEST SUPPORT: installed-model folders for every model role, in the layout
// the product installs: the catalog's files for the role plus manifest.json,
// as pullModel would leave them. The models are tiny ONNX graphs whose
// outputs a test can work out by hand (tiny-model-specs.ts); the tokenizer is
// tiny-tokenizer.ts.

export interface TinyModelOptions<R extends ModelRole = ModelRole> {
  /** The model; default `defaultTinySpec(role)`. */
  spec?: TinySpec<R>;
  /**
   * Optional catalog files to write as well: none (default), all, or these.
   * The ONNX graph is always written, even where the catalog calls it optional
   * (modality); `onnx/model.onnx.data` moves a classifier's weights into it.
   */
  optional?: boolean | readonly string[];
  /** Optional catalog files to leave out although `optional` asks for them (e.g. modality's graph). */
  omit?: readonly string[];
  /** config.json max_position_embeddings; default 32768 (mmBERT-32K). */
  maxPositionEmbeddings?: number;
  /** tokenizer_config.json model_max_length; default 512. */
  modelMaxLength?: number;
  /** Manifest fields; the defaults are those of the stand-in hub (COMMIT) at a fixed time. */
  endpoint?: string;
  commit?: string | null;
  installedAt?: string;
}

export const catalogEntryFor = (role: ModelRole): CatalogEntry => {
  const entry = findCatalogEntry(shippedModelCatalog(), role);
  if (!entry) throw new Error(`the shipped catalog has no ${role} model`);
  return entry;
};

/** Files the hub would store in LFS: the product verifies these by sha256, the rest by size. */
export const isLfsFile = (path: string): boolean =>
  path.endsWith('.onnx') || path.endsWith('.onnx.data') || path === 'tokenizer.json';

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

/** The catalog files a tiny model of `role` consists of, path → bytes, in catalog order. */
export function tinyModelFiles<R extends ModelRole>(
  role: R,
  options: TinyModelOptions<R> = {},
): Map<string, Buffer> {
  const entry = catalogEntryFor(role);
  const paths = new Set(entry.files.map((f) => f.path));
  for (const path of [
    ...(Array.isArray(options.optional) ? options.optional : []),
    ...(options.omit ?? []),
  ])
    if (!entry.files.some((f) => f.path === path && f.optional))
      throw new Error(`${path} is not an optional file of the ${role} model`);
  const wanted = entry.files
    .filter(({ path, optional }) => {
      if (!optional) return true;
      if (options.omit?.includes(path)) return false;
      const asked = options.optional;
      return (
        path.endsWith('/model.onnx') ||
        asked === true ||
        (Array.isArray(asked) && asked.includes(path))
      );
    })
    .map((f) => f.path);

  const spec = options.spec ?? defaultTinySpec(role);
  const { graph, width } = graphFor(entry.task, spec);
  const graphPath = [...paths].find((p) => p.endsWith('/model.onnx')) ?? 'onnx/model.onnx';
  const external = wanted.includes(`${graphPath}.data`);
  const onnx = encodeGraph(graph, external ? `${posix.basename(graphPath)}.data` : undefined);
  const labels = 'labels' in spec ? spec.labels : null;
  const idToLabel = labels && Object.fromEntries(labels.map((l, i) => [String(i), l]));
  const labelToId = labels && Object.fromEntries(labels.map((l, i) => [l, i]));
  const architecture = {
    embedding: 'ModernBertModel',
    sequence_classification: 'ModernBertForSequenceClassification',
    token_classification: 'ModernBertForTokenClassification',
  }[entry.task];
  const config = {
    architectures: [architecture],
    model_type: 'modernbert',
    vocab_size: TINY_VOCAB_SIZE,
    hidden_size: width,
    num_hidden_layers: 22,
    max_position_embeddings: options.maxPositionEmbeddings ?? 32768,
    pad_token_id: PAD_ID,
    cls_token_id: CLS_ID,
    sep_token_id: SEP_ID,
    torch_dtype: 'float32',
    ...(labels ? { id2label: idToLabel, label2id: labelToId } : {}),
  };

  const content = (path: string): Buffer => {
    if (path === graphPath) return Buffer.from(onnx.model);
    if (path === `${graphPath}.data` && onnx.data) return Buffer.from(onnx.data);
    // One line, like many exported tokenizer.json files (and 15 KB instead of 36).
    if (path === 'tokenizer.json') return Buffer.from(JSON.stringify(tinyTokenizerJson()));
    if (path === 'config.json' || path === 'onnx/config.json') return json(config);
    if (path === 'tokenizer_config.json')
      return json(tinyTokenizerConfigJson(options.modelMaxLength ?? 512));
    if (path === 'onnx/model_config.json')
      return json({ available_layers: [22], target_layer: 22, hidden_size: width });
    if (path === 'category_mapping.json')
      return json({ category_to_idx: labelToId, idx_to_category: idToLabel });
    if (path.endsWith('mapping.json') && labels)
      return json({ label_to_idx: labelToId, idx_to_label: idToLabel });
    throw new Error(`no tiny content for ${path} of the ${role} model`);
  };
  return new Map(wanted.map((path) => [path, content(path)]));
}

/** The manifest.json the product would write after pulling exactly these files. */
export function tinyManifest(
  role: ModelRole,
  files: ReadonlyMap<string, Buffer>,
  options: Pick<TinyModelOptions, 'endpoint' | 'commit' | 'installedAt'> = {},
): Manifest {
  const entry = catalogEntryFor(role);
  return {
    manifest_version: 1,
    catalog_id: entry.id,
    repo: entry.repo,
    revision: entry.revision,
    commit: options.commit === undefined ? COMMIT : options.commit,
    endpoint: options.endpoint ?? 'https://huggingface.co',
    task: entry.task,
    installed_at: options.installedAt ?? '2025-01-01T00:00:00.000Z',
    files: [...files].map(([path, bytes]) => ({
      path,
      size: bytes.length,
      sha256: sha256Of(bytes),
      verified: isLfsFile(path) ? 'sha256' : 'size',
    })),
    skipped_optional: entry.files
      .filter((f) => f.optional && !files.has(f.path))
      .map((f) => f.path),
  };
}

export interface TinyModel<R extends ModelRole = ModelRole> {
  role: R;
  /** The model folder (holds manifest.json). */
  dir: string;
  /** Absolute path of the ONNX graph (onnx/layer-22/model.onnx or onnx/model.onnx; absent if omitted). */
  onnxPath: string;
  spec: TinySpec<R>;
  files: Map<string, Buffer>;
  manifest: Manifest;
}

/** Writes a complete model folder (files + manifest.json) into `dir`. */
export async function writeTinyModel<R extends ModelRole>(
  dir: string,
  role: R,
  options: TinyModelOptions<R> = {},
): Promise<TinyModel<R>> {
  const files = tinyModelFiles(role, options);
  for (const [path, bytes] of files) {
    const target = repoFilePath(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
  const manifest = tinyManifest(role, files, options);
  await writeManifest(dir, manifest);
  const graphPath = [...files.keys()].find((p) => p.endsWith('/model.onnx'));
  return {
    role,
    dir,
    onnxPath: repoFilePath(dir, graphPath ?? 'onnx/model.onnx'),
    spec: options.spec ?? defaultTinySpec(role),
    files,
    manifest,
  };
}

/** Installs a tiny model as the product would: `<dataDir>/models/<role>/`. */
export function installTinyModel<R extends ModelRole>(
  dataDir: string,
  role: R,
  options: TinyModelOptions<R> = {},
): Promise<TinyModel<R>> {
  return writeTinyModel(installDir(dataDir, role), role, options);
}

/** Puts a tiny model's files on the stand-in hub under its catalog repository (or `repo`). */
export function serveTinyModel<R extends ModelRole>(
  hub: FakeHub,
  role: R,
  options: TinyModelOptions<R> & { repo?: string } = {},
): Map<string, Buffer> {
  const files = tinyModelFiles(role, options);
  const repo = options.repo ?? catalogEntryFor(role).repo;
  for (const [path, bytes] of files) hub.setFile(repo, path, bytes, { lfs: isLfsFile(path) });
  return files;
}
