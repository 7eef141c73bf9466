import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelDownloadError } from '../../../src-main/core/ml/download/download-error';
import {
  installDir,
  stagedFilePaths,
  stagingDir,
} from '../../../src-main/core/ml/download/model-paths';
import type { PullEvent } from '../../../src-main/core/ml/download/pull-events';
import { pullModel } from '../../../src-main/core/ml/download/pull-model';
import type { FakeHub } from '../../support/fake-hub-server';
import { startFakeHub } from '../../support/fake-hub-server';
import { seedRepo, testEntry, testHub } from '../../support/model-hub-fixture';
import { makeTempDir } from '../../support/temp-dir';

// Interrupted pulls: the next pull continues from the bytes on disk (asserted
// through the Range headers the stand-in hub saw), or starts the file over
// cleanly when the server will not resume.

const DATA = 'onnx/model.onnx.data';
let hub: FakeHub;
let files: Map<string, Buffer>;
const temps: { cleanup(): void }[] = [];
beforeAll(async () => {
  hub = await startFakeHub();
});
afterAll(async () => {
  await hub.close();
  for (const temp of temps) temp.cleanup();
});
afterEach(() => {
  hub.switches.honourRange = true;
  hub.switches.cutAfterBytes.clear();
  hub.switches.stallAfterBytes.clear();
});

function freshDataDir(): string {
  const temp = makeTempDir('homelane-resume-');
  temps.push(temp);
  files = seedRepo(hub);
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

const partialOf = (dir: string) => stagedFilePaths(stagingDir(dir, 'jailbreak'), DATA).partialPath;
const installedData = (dir: string) => readFileSync(join(installDir(dir, 'jailbreak'), DATA));

describe('resuming a pull', () => {
  it('continues a file from where the dropped connection left it', async () => {
    const dir = freshDataDir();
    hub.switches.cutAfterBytes.set(DATA, 150_000);
    const first = await failure(pullModel({ dataDir: dir, entry: testEntry(), hub: testHub(hub) }));
    expect(first.code).toBe('offline');
    expect(first.file).toBe(DATA);
    expect(first.message).toMatch(/resume/);
    expect(existsSync(installDir(dir, 'jailbreak'))).toBe(false);
    const kept = statSync(partialOf(dir)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(150_000);

    const before = hub.rangesFor(DATA).length;
    const graphRequests = hub.rangesFor('onnx/model.onnx').length;
    const events: PullEvent[] = [];
    await pullModel({
      dataDir: dir,
      entry: testEntry(),
      hub: testHub(hub),
      onEvent: (e) => events.push(e),
    });
    expect(hub.rangesFor(DATA).slice(before)).toEqual([`bytes=${kept}-`]);
    expect(hub.rangesFor('onnx/model.onnx')).toHaveLength(graphRequests);
    expect(events).toContainEqual({ type: 'resume', path: DATA, fromByte: kept });
    expect(events.some((e) => e.type === 'restart')).toBe(false);
    expect(installedData(dir).equals(files.get(DATA) ?? Buffer.alloc(0))).toBe(true);
    expect(existsSync(partialOf(dir))).toBe(false);
  });

  it('starts the file over, cleanly, when the server ignores the Range request', async () => {
    const dir = freshDataDir();
    hub.switches.cutAfterBytes.set(DATA, 100_000);
    await failure(pullModel({ dataDir: dir, entry: testEntry(), hub: testHub(hub) }));
    const kept = statSync(partialOf(dir)).size;
    expect(kept).toBeGreaterThan(0);

    hub.switches.honourRange = false;
    const before = hub.rangesFor(DATA).length;
    const events: PullEvent[] = [];
    const manifest = await pullModel({
      dataDir: dir,
      entry: testEntry(),
      hub: testHub(hub),
      onEvent: (e) => events.push(e),
    });
    expect(hub.rangesFor(DATA).slice(before)).toEqual([`bytes=${kept}-`]);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'restart',
        path: DATA,
        reason: expect.stringMatching(/Range/),
      }),
    );
    expect(installedData(dir).equals(files.get(DATA) ?? Buffer.alloc(0))).toBe(true);
    expect(manifest.files.find((f) => f.path === DATA)?.verified).toBe('sha256');
    // Progress counted the restarted file once, not the kept bytes twice.
    const last = events.flatMap((e) => (e.type === 'progress' ? [e.progress] : [])).at(-1);
    expect(last?.overall.done).toBe(last?.overall.total);
  });

  it('gives up on a stalled transfer after the idle timeout and keeps what arrived', async () => {
    const dir = freshDataDir();
    hub.switches.stallAfterBytes.set(DATA, 50_000);
    const started = Date.now();
    const error = await failure(
      pullModel({ dataDir: dir, entry: testEntry(), hub: testHub(hub, { idleTimeoutMs: 300 }) }),
    );
    expect(error.code).toBe('offline');
    expect(error.message).toMatch(/no data arrived for 0\.3 s \(the transfer stalled\)/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(statSync(partialOf(dir)).size).toBe(50_000);
    expect(existsSync(installDir(dir, 'jailbreak'))).toBe(false);

    hub.switches.stallAfterBytes.clear();
    await pullModel({ dataDir: dir, entry: testEntry(), hub: testHub(hub) });
    expect(hub.rangesFor(DATA).at(-1)).toBe('bytes=50000-');
  });

  it('stops on abort with code aborted, keeping the partial for the next pull', async () => {
    const dir = freshDataDir();
    hub.switches.stallAfterBytes.set(DATA, 20_000);
    const controller = new AbortController();
    const error = await failure(
      pullModel({
        dataDir: dir,
        entry: testEntry(),
        hub: testHub(hub),
        signal: controller.signal,
        progressIntervalMs: 0,
        onEvent: (event) => {
          if (event.type === 'progress' && event.progress.file.path === DATA)
            if (event.progress.file.done >= 20_000) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('aborted');
    expect(statSync(partialOf(dir)).size).toBe(20_000);
    expect(existsSync(installDir(dir, 'jailbreak'))).toBe(false);
  });
});
