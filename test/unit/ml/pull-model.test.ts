import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelDownloadError } from '../../../src-main/core/ml/download/download-error';
import { readManifest } from '../../../src-main/core/ml/download/model-manifest';
import {
  installDir,
  stagingDir,
  stagedFilePaths,
} from '../../../src-main/core/ml/download/model-paths';
import type { PullEvent } from '../../../src-main/core/ml/download/pull-events';
import { pullModel } from '../../../src-main/core/ml/download/pull-model';
import type { FakeHub } from '../../support/fake-hub-server';
import { COMMIT, sha256Of, startFakeHub } from '../../support/fake-hub-server';
import { TEST_REPO, seedRepo, testEntry, testHub } from '../../support/model-hub-fixture';
import { makeTempDir } from '../../support/temp-dir';

let hub: FakeHub;
let files: Map<string, Buffer>;
const temps: { cleanup(): void }[] = [];
beforeAll(async () => {
  hub = await startFakeHub();
  files = seedRepo(hub);
});
afterAll(async () => {
  await hub.close();
  for (const temp of temps) temp.cleanup();
});
afterEach(() => {
  hub.switches.corrupt.clear();
  hub.switches.missingRepos.clear();
  hub.switches.missingFiles.clear();
  hub.switches.redirect = false;
  files = seedRepo(hub);
});

function dataDir(): string {
  const temp = makeTempDir('homelane-models-');
  temps.push(temp);
  return temp.dir;
}

async function failure(promise: Promise<unknown>): Promise<ModelDownloadError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelDownloadError);
  return error as ModelDownloadError;
}

const content = (path: string) => files.get(path) ?? Buffer.alloc(0);

describe('pullModel', () => {
  it('downloads the catalog files, verifies them, writes the manifest and installs', async () => {
    const dir = dataDir();
    const events: PullEvent[] = [];
    hub.switches.redirect = true;
    const manifest = await pullModel({
      dataDir: dir,
      entry: testEntry(),
      hub: testHub(hub),
      onEvent: (event) => events.push(event),
      clock: () => new Date('2025-01-02T03:04:05.000Z'),
    });

    const installed = installDir(dir, 'jailbreak');
    for (const path of ['onnx/model.onnx', 'onnx/model.onnx.data', 'tokenizer.json', 'config.json'])
      expect(readFileSync(join(installed, path)).equals(content(path))).toBe(true);
    expect(existsSync(join(installed, 'model.safetensors'))).toBe(false);
    expect(existsSync(stagingDir(dir, 'jailbreak'))).toBe(false);

    expect(manifest).toEqual(await readManifest(installed));
    expect(manifest).toMatchObject({
      catalog_id: 'jailbreak',
      repo: TEST_REPO,
      revision: 'main',
      commit: COMMIT,
      endpoint: hub.url,
      installed_at: '2025-01-02T03:04:05.000Z',
      skipped_optional: ['jailbreak_type_mapping.json'],
    });
    const byPath = new Map(manifest.files.map((f) => [f.path, f]));
    expect(byPath.get('onnx/model.onnx.data')).toEqual({
      path: 'onnx/model.onnx.data',
      size: content('onnx/model.onnx.data').length,
      sha256: sha256Of(content('onnx/model.onnx.data')),
      verified: 'sha256',
    });
    expect(byPath.get('config.json')).toMatchObject({
      sha256: sha256Of(content('config.json')),
      verified: 'size',
    });

    const types = events.map((e) => e.type);
    expect(types[0]).toBe('listing');
    expect(types[1]).toBe('plan');
    expect(types.at(-1)).toBe('installed');
    expect(types.filter((t) => t === 'file-done')).toHaveLength(4);
    const plan = events.find((e) => e.type === 'plan');
    const total = [...files.entries()]
      .filter(([path]) => path !== 'model.safetensors')
      .reduce((sum, [, c]) => sum + c.length, 0);
    expect(plan).toMatchObject({
      totalBytes: total,
      skippedOptional: ['jailbreak_type_mapping.json'],
    });
    const progress = events.flatMap((e) => (e.type === 'progress' ? [e.progress] : []));
    const done = progress.map((p) => p.overall.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)?.overall).toEqual({ done: total, total });
  });

  it('says not_found, installing nothing, for a repository the hub does not have', async () => {
    const dir = dataDir();
    hub.switches.missingRepos.add(TEST_REPO);
    const error = await failure(pullModel({ dataDir: dir, entry: testEntry(), hub: testHub(hub) }));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain(TEST_REPO);
    expect(existsSync(installDir(dir, 'jailbreak'))).toBe(false);
  });

  it('says not_found when a required file is not in the repository', async () => {
    const dir = dataDir();
    hub.removeFile(TEST_REPO, 'tokenizer.json');
    const error = await failure(pullModel({ dataDir: dir, entry: testEntry(), hub: testHub(hub) }));
    expect(error.code).toBe('not_found');
    expect(error.file).toBe('tokenizer.json');
    expect(error.message).toMatch(/has no tokenizer\.json .* which the jailbreak model needs/);
  });

  it('says not_found when the hub lists a file but will not serve it', async () => {
    const dir = dataDir();
    hub.switches.missingFiles.add('config.json');
    const error = await failure(pullModel({ dataDir: dir, entry: testEntry(), hub: testHub(hub) }));
    expect(error.code).toBe('not_found');
    expect(error.status).toBe(404);
    expect(error.file).toBe('config.json');
    expect(existsSync(installDir(dir, 'jailbreak'))).toBe(false);
  });

  it('rejects a corrupted download: checksum_mismatch, partial deleted, nothing installed', async () => {
    const dir = dataDir();
    hub.switches.corrupt.add('onnx/model.onnx.data');
    const error = await failure(pullModel({ dataDir: dir, entry: testEntry(), hub: testHub(hub) }));
    expect(error.code).toBe('checksum_mismatch');
    expect(error.file).toBe('onnx/model.onnx.data');
    expect(error.message).toContain(sha256Of(content('onnx/model.onnx.data')));
    const staged = stagedFilePaths(stagingDir(dir, 'jailbreak'), 'onnx/model.onnx.data');
    expect(existsSync(staged.partialPath)).toBe(false);
    expect(existsSync(staged.finalPath)).toBe(false);
    expect(existsSync(installDir(dir, 'jailbreak'))).toBe(false);

    // The retry downloads that file again from the start, and succeeds.
    hub.switches.corrupt.clear();
    const before = hub.rangesFor('onnx/model.onnx.data').length;
    const graphRequests = hub.rangesFor('onnx/model.onnx').length;
    await pullModel({ dataDir: dir, entry: testEntry(), hub: testHub(hub) });
    expect(hub.rangesFor('onnx/model.onnx.data').slice(before)).toEqual([null]);
    // The file that had verified was kept in staging, not fetched again.
    expect(hub.rangesFor('onnx/model.onnx')).toHaveLength(graphRequests);
    expect(
      readFileSync(join(installDir(dir, 'jailbreak'), 'onnx/model.onnx.data')).equals(
        content('onnx/model.onnx.data'),
      ),
    ).toBe(true);
  });

  it('checks a catalog pin against the listing', async () => {
    const dir = dataDir();
    const entry = testEntry({
      files: [{ path: 'onnx/model.onnx', optional: false, sha256: '0'.repeat(64) }],
    });
    const error = await failure(pullModel({ dataDir: dir, entry, hub: testHub(hub) }));
    expect(error.code).toBe('checksum_mismatch');
    expect(error.message).toMatch(/catalog pins/);
  });
});
