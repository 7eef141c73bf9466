import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload, RoutingModel } from '../../../../src-main/contract';
import { installDir } from '../../../../src-main/core/ml/download/model-paths';
import { ModelDownloads } from '../../../../src-main/core/services/model-downloads/model-downloads';
import type { FakeHub } from '../../../support/fake-hub-server';
import { startFakeHub } from '../../../support/fake-hub-server';
import { TEST_REPO, seedRepo, testEntry, testHub } from '../../../support/model-hub-fixture';
import { makeTempDir } from '../../../support/temp-dir';

// Downloads of routing models in a running app, against the stand-in hub:
// progress events while bytes arrive, one done or error per model, one
// download per model at a time, a router rebuild once they are all in.

type Seen = { name: EventName; payload: EventPayload<EventName> };

let hub: FakeHub;
let temp: ReturnType<typeof makeTempDir>;
let seen: Seen[];
let installedCalls: string[][];
let downloads: ModelDownloads;

const describeModel = (id: string): Promise<RoutingModel> =>
  Promise.resolve({
    id,
    task: 'sequence_classification',
    repo: TEST_REPO,
    revision: 'main',
    description: 'a test model',
    signals: ['jailbreak'],
    approxSizeBytes: 700_000,
    status: 'installed',
    installedBytes: 700_000,
    installedAt: null,
    problem: null,
  });

beforeEach(async () => {
  hub = await startFakeHub();
  seedRepo(hub);
  temp = makeTempDir('homelane-downloads-');
  seen = [];
  installedCalls = [];
  downloads = new ModelDownloads({
    dataDir: temp.dir,
    emit: (name, payload) => seen.push({ name, payload }),
    hub: () => testHub(hub),
    describe: describeModel,
    onInstalled: (ids) => {
      installedCalls.push(ids);
      return Promise.resolve();
    },
    progressIntervalMs: 0,
  });
});
afterEach(async () => {
  await downloads.close();
  await hub.close();
  temp.cleanup();
});

const progress = () =>
  seen
    .filter((e) => e.name === 'models.progress')
    .map((e) => e.payload as EventPayload<'models.progress'>);

describe('model downloads in the app', () => {
  it('reports growing progress, then done, then lets the router take the model up', async () => {
    const result = downloads.start([testEntry()]);
    expect(result).toEqual({ started: ['jailbreak'], running: [] });
    expect(downloads.isRunning('jailbreak')).toBe(true);
    await downloads.idle();
    await new Promise((done) => setTimeout(done, 0));
    const events = progress();
    expect(events[0]).toMatchObject({ id: 'jailbreak', phase: 'listing' });
    const downloading = events.filter((e) => e.phase === 'downloading' && e.bytes > 0);
    expect(downloading.length).toBeGreaterThan(1);
    const bytes = downloading.map((e) => e.bytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    // Two LFS files of 300 kB and 400 kB and two small JSON files.
    const last = downloading.at(-1);
    expect(last?.total).toBeGreaterThan(700_000);
    expect(last?.total).toBeLessThan(701_000);
    expect(last?.bytes).toBe(last?.total);
    expect(events.at(-1)?.phase).toBe('installing');
    expect(seen.filter((e) => e.name === 'models.done')).toHaveLength(1);
    expect(seen.some((e) => e.name === 'models.error')).toBe(false);
    expect(installedCalls).toEqual([['jailbreak']]);
  });

  it('starts one download per model; a second request for it joins the running one', async () => {
    hub.switches.stallAfterBytes.set('onnx/model.onnx', 1000);
    downloads.start([testEntry()]);
    expect(downloads.start([testEntry()])).toEqual({ started: [], running: ['jailbreak'] });
    expect(downloads.cancel('jailbreak')).toBe(true);
    await downloads.idle();
    const errors = seen.filter((e) => e.name === 'models.error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.payload).toMatchObject({ id: 'jailbreak', code: 'aborted' });
    expect(installedCalls).toEqual([]);
  });

  it('reports a failure with its stable code and installs nothing', async () => {
    hub.switches.missingRepos.add(TEST_REPO);
    downloads.start([testEntry()]);
    await downloads.idle();
    const error = seen.find((e) => e.name === 'models.error')?.payload;
    expect(error).toMatchObject({ id: 'jailbreak', code: 'not_found' });
    expect(seen.some((e) => e.name === 'models.done')).toBe(false);
    expect(installedCalls).toEqual([]);
  });

  it('verifies an installed model and finds a damaged file', async () => {
    downloads.start([testEntry()]);
    await downloads.idle();
    expect(await downloads.verify(['jailbreak'])).toEqual([
      {
        id: 'jailbreak',
        ok: true,
        problem: null,
        files: expect.arrayContaining([{ path: 'onnx/model.onnx', status: 'ok' }]) as unknown,
      },
    ]);
    const data = join(installDir(temp.dir, 'jailbreak'), 'onnx', 'model.onnx.data');
    writeFileSync(data, Buffer.alloc(400_000, 7));
    const [damaged] = await downloads.verify(['jailbreak']);
    expect(damaged?.ok).toBe(false);
    expect(damaged?.files.find((f) => f.path === 'onnx/model.onnx.data')?.status).toBe(
      'hash_mismatch',
    );
  });

  it('says why a model that is not installed cannot be verified', async () => {
    const [result] = await downloads.verify(['pii']);
    expect(result?.ok).toBe(false);
    expect(result?.problem).toBeTruthy();
  });
});
