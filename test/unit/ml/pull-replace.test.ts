import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelDownloadError } from '../../../src-main/core/ml/download/download-error';
import { listInstalledModels } from '../../../src-main/core/ml/download/installed-models';
import { readManifest } from '../../../src-main/core/ml/download/model-manifest';
import {
  installDir,
  previousDir,
  stagingRoot,
} from '../../../src-main/core/ml/download/model-paths';
import { pullModel } from '../../../src-main/core/ml/download/pull-model';
import { verifyInstalledModel } from '../../../src-main/core/ml/download/verify-installed';
import type { FakeHub } from '../../support/fake-hub-server';
import { randomContent, sha256Of, startFakeHub } from '../../support/fake-hub-server';
import { TEST_REPO, seedRepo, testEntry, testHub } from '../../support/model-hub-fixture';
import { makeTempDir } from '../../support/temp-dir';

// Re-pulling an installed model: the old install stays in place, whole,
// until the new one is verified, and a failed re-pull leaves it untouched.

const DATA = 'onnx/model.onnx.data';
let hub: FakeHub;
const temp = makeTempDir('homelane-replace-');
beforeAll(async () => {
  hub = await startFakeHub();
});
afterAll(async () => {
  await hub.close();
  temp.cleanup();
});

describe('replacing an install', () => {
  it('keeps the old install when a re-pull fails, and swaps it whole when one succeeds', async () => {
    const dir = join(temp.dir, 'replace');
    const v1 = seedRepo(hub);
    await pullModel({ dataDir: dir, entry: testEntry(), hub: testHub(hub) });
    const installed = installDir(dir, 'jailbreak');
    const v1Manifest = await readManifest(installed);

    // Upstream publishes a new version, but it arrives corrupted.
    const v2 = randomContent(420_000);
    hub.setFile(TEST_REPO, DATA, v2);
    hub.switches.corrupt.add(DATA);
    const error = await pullModel({ dataDir: dir, entry: testEntry(), hub: testHub(hub) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelDownloadError);
    expect((error as ModelDownloadError).code).toBe('checksum_mismatch');
    expect(await readManifest(installed)).toEqual(v1Manifest);
    expect(readFileSync(join(installed, DATA)).equals(v1.get(DATA) ?? Buffer.alloc(0))).toBe(true);
    expect((await verifyInstalledModel(dir, 'jailbreak')).ok).toBe(true);

    hub.switches.corrupt.clear();
    const events: string[] = [];
    await pullModel({
      dataDir: dir,
      entry: testEntry(),
      hub: testHub(hub),
      onEvent: (e) => {
        if (e.type === 'installed') events.push(`installed replaced=${e.replaced}`);
      },
    });
    expect(events).toEqual(['installed replaced=true']);
    expect(readFileSync(join(installed, DATA)).equals(v2)).toBe(true);
    const v2Manifest = await readManifest(installed);
    expect(v2Manifest.files.find((f) => f.path === DATA)?.sha256).toBe(sha256Of(v2));
    expect(readdirSync(stagingRoot(dir))).toEqual([]);
  });

  it('re-pulling an unchanged model links the verified LFS files instead of downloading them', async () => {
    const dir = join(temp.dir, 'unchanged');
    const files = seedRepo(hub);
    await pullModel({ dataDir: dir, entry: testEntry(), hub: testHub(hub) });
    const graph = join(installDir(dir, 'jailbreak'), 'onnx/model.onnx');
    // Damage one installed LFS file: that one must come over the network again.
    writeFileSync(graph, randomContent(300_000));
    const requests = (path: string) => hub.rangesFor(path).length;
    const before = { graph: requests('onnx/model.onnx'), data: requests(DATA) };
    const reused: string[] = [];
    await pullModel({
      dataDir: dir,
      entry: testEntry(),
      hub: testHub(hub),
      onEvent: (e) => {
        if (e.type === 'file-done' && e.reused) reused.push(e.path);
      },
    });
    expect(reused).toEqual([DATA]);
    expect(requests(DATA)).toBe(before.data);
    expect(requests('onnx/model.onnx')).toBe(before.graph + 1);
    expect(readFileSync(graph).equals(files.get('onnx/model.onnx') ?? Buffer.alloc(0))).toBe(true);
    expect((await verifyInstalledModel(dir, 'jailbreak')).ok).toBe(true);
  });

  it('puts back an install that a crash left aside mid-replace', async () => {
    const dir = join(temp.dir, 'crash');
    seedRepo(hub);
    await pullModel({ dataDir: dir, entry: testEntry(), hub: testHub(hub) });
    const manifest = await readManifest(installDir(dir, 'jailbreak'));
    // The state a crash between "old aside" and "new in" leaves behind.
    mkdirSync(stagingRoot(dir), { recursive: true });
    renameSync(installDir(dir, 'jailbreak'), previousDir(dir, 'jailbreak'));
    expect(existsSync(installDir(dir, 'jailbreak'))).toBe(false);

    const listed = await listInstalledModels(dir);
    expect(listed.map((m) => [m.id, m.status])).toEqual([['jailbreak', 'ok']]);
    expect(await readManifest(installDir(dir, 'jailbreak'))).toEqual(manifest);
    expect(existsSync(previousDir(dir, 'jailbreak'))).toBe(false);
  });
});
