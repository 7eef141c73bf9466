import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MODEL_ROLES,
  ModelCatalogError,
  findCatalogEntry,
  loadModelCatalog,
  parseModelCatalog,
  shippedModelCatalog,
} from '../../../src-main/core/ml/catalog/model-catalog';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

const minimal = (overrides: Record<string, unknown> = {}) => ({
  catalog_version: 1,
  models: [
    {
      id: 'pii',
      repo: 'org/pii',
      task: 'token_classification',
      files: [{ path: 'onnx/model.onnx' }],
      approx_size_bytes: 10,
      description: 'x',
      signals: ['pii'],
      ...overrides,
    },
  ],
});

describe('the shipped model catalog', () => {
  const catalog = shippedModelCatalog();

  it('has one entry per model role, with the upstream repositories', () => {
    expect(catalog.models.map((m) => m.id).sort()).toEqual([...MODEL_ROLES].sort());
    expect(findCatalogEntry(catalog, 'embedding')?.repo).toBe(
      'llm-semantic-router/mmbert-embed-32k-2d-matryoshka',
    );
    expect(findCatalogEntry(catalog, 'domain')?.repo).toBe(
      'llm-semantic-router/mmbert32k-intent-classifier-merged',
    );
    expect(findCatalogEntry(catalog, 'pii')?.task).toBe('token_classification');
    expect(findCatalogEntry(catalog, 'feedback')?.signals).toEqual(['user_feedback']);
    for (const entry of catalog.models) expect(entry.revision).toBe('main');
  });

  it('asks for the layer-22 ONNX export of the embedder and onnx/model.onnx of the classifiers', () => {
    const required = (id: string) =>
      findCatalogEntry(catalog, id)
        ?.files.filter((f) => !f.optional)
        .map((f) => f.path);
    expect(required('embedding')).toEqual(
      expect.arrayContaining([
        'onnx/layer-22/model.onnx',
        'onnx/layer-22/model.onnx.data',
        'tokenizer.json',
        'config.json',
      ]),
    );
    for (const id of ['domain', 'jailbreak', 'pii', 'fact_check', 'feedback'])
      expect(required(id)).toEqual(expect.arrayContaining(['onnx/model.onnx', 'tokenizer.json']));
    expect(required('domain')).toContain('category_mapping.json');
    expect(required('jailbreak')).toContain('jailbreak_type_mapping.json');
    expect(required('pii')).toContain('pii_type_mapping.json');
  });

  it('marks what upstream does not confirm as optional, and says so', () => {
    const modality = findCatalogEntry(catalog, 'modality');
    expect(modality?.files.find((f) => f.path === 'onnx/model.onnx')?.optional).toBe(true);
    expect(modality?.description).toMatch(/not confirmed/i);
  });
});

describe('parseModelCatalog', () => {
  it('defaults the revision to main and files to required', () => {
    const catalog = parseModelCatalog(minimal(), 'test');
    expect(catalog.models[0]?.revision).toBe('main');
    expect(catalog.models[0]?.files[0]?.optional).toBe(false);
  });

  it.each([
    ['a path that leaves the folder', { files: [{ path: '../etc/passwd' }] }, /relative path/],
    ['an absolute path', { files: [{ path: '/model.onnx' }] }, /relative path/],
    ['a name the installer writes', { files: [{ path: 'manifest.json' }] }, /clashes/],
    ['an unknown task', { task: 'regression' }, /task/],
    ['an unknown role', { id: 'sentiment' }, /id/],
    ['an unknown signal', { signals: ['vibes'] }, /signals/],
    ['only optional files', { files: [{ path: 'a.json', optional: true }] }, /required/],
    ['a file twice', { files: [{ path: 'a' }, { path: 'a' }] }, /twice/],
  ])('rejects %s', (_name, overrides, message) => {
    expect(() => parseModelCatalog(minimal(overrides), 'test')).toThrow(message);
  });

  it('loads a catalog file and names the file in its errors', async () => {
    const good = join(temp.dir, 'good.json');
    writeFileSync(good, JSON.stringify(minimal()));
    expect((await loadModelCatalog(good)).models[0]?.id).toBe('pii');
    const bad = join(temp.dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    await expect(loadModelCatalog(bad)).rejects.toBeInstanceOf(ModelCatalogError);
    await expect(loadModelCatalog(bad)).rejects.toThrow(/bad\.json/);
  });
});
