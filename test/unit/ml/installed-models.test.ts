import { existsSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listInstalledModels,
  removeInstalledModel,
} from '../../../src-main/core/ml/download/installed-models';
import { installDir, stagingDir } from '../../../src-main/core/ml/download/model-paths';
import { pullModel } from '../../../src-main/core/ml/download/pull-model';
import { verifyInstalledModel } from '../../../src-main/core/ml/download/verify-installed';
import { startFakeHub } from '../../support/fake-hub-server';
import { seedRepo, testEntry, testHub } from '../../support/model-hub-fixture';
import { makeTempDir } from '../../support/temp-dir';

// The registry of installed models works offline: every test here runs after
// the stand-in hub has been shut down.

const temp = makeTempDir('homelane-installed-');
const dataDir = temp.dir;
const model = () => installDir(dataDir, 'jailbreak');

beforeAll(async () => {
  const hub = await startFakeHub();
  seedRepo(hub);
  await pullModel({ dataDir, entry: testEntry(), hub: testHub(hub) });
  await pullModel({
    dataDir,
    entry: testEntry({ id: 'pii', task: 'token_classification', signals: ['pii'] }),
    hub: testHub(hub),
  });
  await hub.close();
});
afterAll(() => temp.cleanup());

describe('installed models (offline)', () => {
  it('lists installed models with their manifests and file checks', async () => {
    const models = await listInstalledModels(dataDir);
    expect(models.map((m) => m.id)).toEqual(['jailbreak', 'pii']);
    const jailbreak = models[0];
    expect(jailbreak?.status).toBe('ok');
    expect(jailbreak?.manifest?.repo).toBe(testEntry().repo);
    expect(jailbreak?.files.every((f) => f.present && f.ok)).toBe(true);
    expect(jailbreak?.totalBytes).toBeGreaterThan(700_000);
  });

  it('lists nothing for a data folder without models', async () => {
    expect(await listInstalledModels(join(dataDir, 'does-not-exist'))).toEqual([]);
  });

  it('verify re-hashes the files and finds a modified one of the same size', async () => {
    expect((await verifyInstalledModel(dataDir, 'jailbreak')).ok).toBe(true);
    const file = join(model(), 'onnx/model.onnx');
    const original = readFileSync(file);
    const changed = Buffer.from(original);
    changed[10] = (changed[10] ?? 0) ^ 1;
    writeFileSync(file, changed);
    try {
      // Same size: the cheap check in `list` cannot see it, `verify` does.
      expect((await listInstalledModels(dataDir))[0]?.status).toBe('ok');
      const result = await verifyInstalledModel(dataDir, 'jailbreak');
      expect(result.ok).toBe(false);
      expect(result.files.find((f) => f.path === 'onnx/model.onnx')?.status).toBe('hash_mismatch');
      expect(result.files.filter((f) => f.status === 'ok')).toHaveLength(3);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('reports a truncated or missing file in list and verify', async () => {
    const config = join(model(), 'config.json');
    const original = readFileSync(config);
    truncateSync(config, 3);
    let listed = await listInstalledModels(dataDir);
    expect(listed[0]?.status).toBe('incomplete');
    expect(listed[0]?.problem).toMatch(/config\.json is 3 bytes/);
    expect((await verifyInstalledModel(dataDir, 'jailbreak')).files).toContainEqual(
      expect.objectContaining({ path: 'config.json', status: 'size_mismatch' }),
    );
    rmSync(config);
    listed = await listInstalledModels(dataDir);
    expect(listed[0]?.problem).toMatch(/config\.json is missing/);
    expect((await verifyInstalledModel(dataDir, 'jailbreak')).files).toContainEqual(
      expect.objectContaining({ path: 'config.json', status: 'missing' }),
    );
    writeFileSync(config, original);
    expect((await verifyInstalledModel(dataDir, 'jailbreak')).ok).toBe(true);
  });

  it('reports a model folder whose manifest is unreadable', async () => {
    const manifest = join(installDir(dataDir, 'pii'), 'manifest.json');
    const original = readFileSync(manifest);
    writeFileSync(manifest, '{"manifest_version": 7}');
    try {
      const pii = (await listInstalledModels(dataDir)).find((m) => m.id === 'pii');
      expect(pii?.status).toBe('invalid');
      expect(pii?.problem).toMatch(/manifest\.json/);
      expect((await verifyInstalledModel(dataDir, 'pii')).problem).toMatch(/manifest\.json/);
    } finally {
      writeFileSync(manifest, original);
    }
  });

  it('remove deletes the model folder and any unfinished pull of it', async () => {
    mkdirSync(join(stagingDir(dataDir, 'pii'), 'onnx'), { recursive: true });
    writeFileSync(join(stagingDir(dataDir, 'pii'), 'onnx', 'model.onnx.partial'), 'x');
    expect(await removeInstalledModel(dataDir, 'pii')).toBe(true);
    expect(existsSync(installDir(dataDir, 'pii'))).toBe(false);
    expect(existsSync(stagingDir(dataDir, 'pii'))).toBe(false);
    expect((await listInstalledModels(dataDir)).map((m) => m.id)).toEqual(['jailbreak']);
    expect(await removeInstalledModel(dataDir, 'pii')).toBe(false);
  });
});
