import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { RouterConfig } from '../../../src-main/core/config/router-config';
import type { RunTiming } from '../../../src-main/core/ml/runtime/inference-messages';
import { configureInferenceWorker } from '../../../src-main/core/ml/runtime/inference-worker-location';
import { loadMlRuntime } from '../../../src-main/core/ml/runtime/load-ml-runtime';
import type { Int64Feed, ModelRunner } from '../../../src-main/core/ml/runtime/model-runner';
import { inProcessRunner } from '../../../src-main/core/ml/runtime/model-runner';
import { openSession } from '../../../src-main/core/ml/runtime/open-session';
import { createOrtSession } from '../../../src-main/core/ml/runtime/ort';
import {
  startWorkerRunner,
  WorkerStartError,
} from '../../../src-main/core/ml/runtime/worker-runner';
import { installTinyModel, writeTinyModel } from '../../support/onnx/tiny-models';
import { CLS_ID, SEP_ID, tinyTokenId } from '../../support/onnx/tiny-tokenizer';
import { makeTempDir } from '../../support/temp-dir';
import { HEAVY, heavyFeeds, writeHeavyModel } from './fixtures/heavy-model';

// Each model's ONNX session runs in a worker thread of its own (started from
// the TypeScript source through tsx, as in every test): same outputs as on
// the main thread, different models' runs overlap, a dying worker fails its
// runs with an error that says so, and release() ends the thread.

const temp = makeTempDir('homelane-worker-runner-');
const paths = { embedding: '', domain: '', pii: '', heavy: '' };
const opened: ModelRunner[] = [];
const ONE_THREAD = { threads: 1 };

/** Keeps a runner to release after the test. */
function track<T extends { runner: ModelRunner }>(value: T): T {
  opened.push(value.runner);
  return value;
}

const int64 = (values: readonly number[], dims: number[]): Int64Feed => ({
  type: 'int64',
  data: BigInt64Array.from(values, (v) => BigInt(v)),
  dims,
});

/** Two right-padded rows of tiny-vocabulary words, with their mask. */
function tinyFeeds(): Record<string, Int64Feed> {
  const rows = [
    ['debug', 'the', 'contract', 'code'],
    ['alice', 'smith', 'jdoe', '@example.com'],
  ].map((words) => [CLS_ID, ...words.map((w) => tinyTokenId(w)), SEP_ID]);
  const seq = 6;
  const ids = rows.flatMap((row) => [...row, ...new Array<number>(seq - row.length).fill(0)]);
  const mask = rows.flatMap((row) =>
    Array.from({ length: seq }, (_, i) => (i < row.length ? 1 : 0)),
  );
  return { input_ids: int64(ids, [2, seq]), attention_mask: int64(mask, [2, seq]) };
}

const fixtureScript = () => ({
  url: new URL('./fixtures/crashing-inference-worker.ts', import.meta.url),
  tsxApi: import.meta.resolve('tsx/esm/api'),
});

beforeAll(async () => {
  paths.embedding = (await writeTinyModel(join(temp.dir, 'embedding'), 'embedding')).onnxPath;
  paths.domain = (await writeTinyModel(join(temp.dir, 'domain'), 'domain')).onnxPath;
  paths.pii = (await writeTinyModel(join(temp.dir, 'pii'), 'pii')).onnxPath;
  paths.heavy = join(temp.dir, 'heavy.onnx');
  await writeHeavyModel(paths.heavy);
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((runner) => runner.release()));
});

afterAll(() => temp.cleanup());

describe('a model in a worker thread', () => {
  it.each(['embedding', 'domain', 'pii'] as const)(
    'gives the %s model the same outputs as a session on this thread',
    async (role) => {
      const path = paths[role];
      const local = await createOrtSession(path, ONE_THREAD);
      const inProcess = track({ runner: inProcessRunner(local.session) }).runner;
      const inWorker = track(await startWorkerRunner(path, ONE_THREAD, { label: role }));
      expect(inWorker.executionProvider).toBe('cpu');
      expect(inWorker.runner.inputNames).toEqual(inProcess.inputNames);
      expect(inWorker.runner.outputNames).toEqual(inProcess.outputNames);

      const feeds = tinyFeeds();
      const expected = await inProcess.run(feeds);
      const actual = await inWorker.runner.run(feeds);
      expect(Object.keys(actual)).toEqual(Object.keys(expected));
      for (const [name, output] of Object.entries(expected)) {
        expect(actual[name]?.dims).toEqual(output.dims);
        expect(actual[name]?.data).toBeInstanceOf(Float32Array);
        expect(Array.from(actual[name]?.data ?? [])).toEqual(Array.from(output.data));
      }
      // The inputs were copied to the worker, not moved: the caller still reads them.
      expect(feeds['attention_mask']?.data.length).toBe(12);
    },
  );

  it('answers concurrent runs of one model each with its own outputs', async () => {
    const { runner } = track(await startWorkerRunner(paths.domain, ONE_THREAD));
    const word = (w: string) => ({
      input_ids: int64([CLS_ID, tinyTokenId(w), SEP_ID], [1, 3]),
      attention_mask: int64([1, 1, 1], [1, 3]),
    });
    const [law, code] = await Promise.all([runner.run(word('law')), runner.run(word('code'))]);
    // Domain logits: a law word adds 2 to "law" (index 1), a code word 2 to "computer science" (11).
    expect(law?.['logits']?.data[1]).toBe(2);
    expect(law?.['logits']?.data[11]).toBe(0);
    expect(code?.['logits']?.data[11]).toBe(2);
    expect(code?.['logits']?.data[1]).toBe(0);
  });

  it('runs two models at the same time, leaving the event loop free', async () => {
    const timings: RunTiming[][] = [[], []];
    const [a, b] = await Promise.all(
      timings.map(async (list) =>
        track(
          await startWorkerRunner(paths.heavy, ONE_THREAD, {
            onRunTiming: (t) => list.push(t),
          }),
        ),
      ),
    );
    if (!a || !b) throw new Error('no runners');
    await Promise.all([a.runner.run(heavyFeeds()), b.runner.run(heavyFeeds())]); // warm-up
    let tick = Infinity;
    const timer = setTimeout(() => (tick = performance.timeOrigin + performance.now()), 1);
    const [outA] = await Promise.all([a.runner.run(heavyFeeds()), b.runner.run(heavyFeeds())]);
    clearTimeout(timer);
    expect(outA?.['last_hidden_state']?.dims).toEqual([1, HEAVY.seq, HEAVY.hidden]);

    const [runA, runB] = [timings[0]?.[1], timings[1]?.[1]];
    if (!runA || !runB) throw new Error('no timings');
    // Each run is long enough to see; on one thread they could only follow each other.
    expect(runA.end - runA.start).toBeGreaterThan(5);
    expect(runA.start).toBeLessThan(runB.end);
    expect(runB.start).toBeLessThan(runA.end);
    // The main thread ran a 1 ms timer while the models were still computing.
    expect(tick).toBeLessThan(Math.max(runA.end, runB.end));
  });

  it('rejects with the runtime error when the model cannot be opened, without a fallback', async () => {
    const missing = join(temp.dir, 'missing.onnx');
    const error = await startWorkerRunner(missing).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(WorkerStartError);
    expect((error as Error).message).toContain('missing.onnx');
    await expect(openSession(missing)).rejects.toThrow(/missing\.onnx/);
  });

  it('fails a bad run with the runtime error and keeps serving', async () => {
    const { runner } = track(await startWorkerRunner(paths.domain, ONE_THREAD));
    await expect(runner.run({ input_ids: int64([1, 2], [1, 2]) })).rejects.toThrow(
      /attention_mask/,
    );
    const feeds = tinyFeeds();
    await expect(runner.run(feeds)).resolves.toHaveProperty('logits');
  });
});

describe('a worker that dies', () => {
  it('fails the pending run and every later one with an error naming the model', async () => {
    const { runner } = track(
      await startWorkerRunner(paths.domain, ONE_THREAD, {
        label: 'jailbreak',
        script: fixtureScript(),
      }),
    );
    const crash = /the jailbreak model's inference worker stopped \(exit code 70\)/;
    await expect(runner.run(tinyFeeds())).rejects.toThrow(crash);
    await expect(runner.run(tinyFeeds())).rejects.toThrow(crash);
  });

  it('that cannot start is a WorkerStartError', async () => {
    const script = { url: new URL('file:///nowhere/inference-worker.js') };
    await expect(startWorkerRunner(paths.domain, ONE_THREAD, { script })).rejects.toBeInstanceOf(
      WorkerStartError,
    );
  });
});

describe('release()', () => {
  it('fails pending and later runs, and ends the thread', async () => {
    const threads = () => readdirSync('/proc/self/task').length;
    const linux = existsSync('/proc/self/task');
    // Warm up once, so thread pools the first worker starts are already running.
    await (await startWorkerRunner(paths.heavy, ONE_THREAD)).runner.release();
    const before = linux ? threads() : 0;

    const { runner } = await startWorkerRunner(paths.heavy, ONE_THREAD);
    if (linux) expect(threads()).toBeGreaterThan(before);
    const pending = expect(runner.run(heavyFeeds())).rejects.toThrow(/was released/);
    await runner.release();
    await pending;
    await expect(runner.run(heavyFeeds())).rejects.toThrow(/was released/);
    if (linux) {
      for (let i = 0; i < 50 && threads() > before; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(threads()).toBeLessThanOrEqual(before);
    }
  });
});

describe('openSession', () => {
  afterEach(() => configureInferenceWorker(undefined));

  /** How long one heavy run takes, and how often a 1 ms timer fired meanwhile. */
  async function timersDuringRun(runner: ModelRunner) {
    await runner.run(heavyFeeds());
    let ticks = 0;
    const interval = setInterval(() => ticks++, 1);
    const start = performance.now();
    await runner.run(heavyFeeds());
    const took = performance.now() - start;
    clearInterval(interval);
    return { took, ticks };
  }

  it('runs the model on this thread when workers are turned off', async () => {
    const inProcess = track(await openSession(paths.domain, { threads: 1, workers: false }));
    const inWorker = track(await openSession(paths.domain, ONE_THREAD));
    const feeds = tinyFeeds();
    const [a, b] = await Promise.all([inProcess.runner.run(feeds), inWorker.runner.run(feeds)]);
    expect(Array.from(a['logits']?.data ?? [])).toEqual(Array.from(b['logits']?.data ?? []));

    // On this thread a run blocks the event loop; in a worker it does not.
    const blocking = track(await openSession(paths.heavy, { threads: 1, workers: false }));
    const free = track(await openSession(paths.heavy, ONE_THREAD));
    const onThread = await timersDuringRun(blocking.runner);
    const offThread = await timersDuringRun(free.runner);
    expect(onThread.took).toBeGreaterThan(20);
    expect(onThread.ticks).toBeLessThanOrEqual(2);
    expect(offThread.took).toBeGreaterThan(20);
    expect(offThread.ticks).toBeGreaterThan(2);
  });

  it('falls back to this thread when no worker can start', async () => {
    configureInferenceWorker(new URL('file:///nowhere/inference-worker.js'));
    const { runner, executionProvider } = track(await openSession(paths.domain, ONE_THREAD));
    expect(executionProvider).toBe('cpu');
    await expect(runner.run(tinyFeeds())).resolves.toHaveProperty('logits');
  });
});

describe('loadMlRuntime', () => {
  const CONFIG = `version: v0.3
providers:
  defaults: { default_model: local }
  models: [{ name: local, provider_model_id: local }]
routing:
  modelCards: [{ name: local }]
  signals:
    embeddings: [{ name: coding, threshold: 0.6, candidates: [python code] }]
    domains: [{ name: law }]
    pii: [{ name: sensitive, threshold: 0.85 }]
  decisions:
    - { name: any, rules: { operator: AND }, modelRefs: [{ model: local }] }
`;

  async function load(workers: boolean) {
    const dataDir = join(temp.dir, workers ? 'data-workers' : 'data-main');
    for (const role of ['embedding', 'domain', 'pii'] as const)
      await installTinyModel(dataDir, role);
    const config = loadConfigText(CONFIG, 'workers.yaml').config as RouterConfig;
    return loadMlRuntime(dataDir, config, { session: { threads: 1, workers } });
  }

  it('gives the same answers with the models in workers and on this thread', async () => {
    const [inWorkers, onThread] = [await load(true), await load(false)];
    try {
      const text = 'Alice Smith wrote jdoe@example.com about the contract code';
      const answers = async ({ ml, models }: typeof inWorkers) => ({
        models,
        embedding: (await ml.embedder?.embed([text, 'hello']))?.map((v) => Array.from(v)),
        domain: await ml.domain?.classify(text),
        pii: await ml.pii?.classifyTokens(text),
      });
      const expected = await answers(onThread);
      expect(expected.models.map((m) => m.status)).toEqual(['loaded', 'loaded', 'loaded']);
      expect(expected.pii?.map((e) => e.type)).toEqual(['PERSON', 'EMAIL_ADDRESS']);
      expect(await answers(inWorkers)).toEqual(expected);
    } finally {
      for (const loaded of [inWorkers, onThread]) {
        await loaded.release();
        loaded.candidateCache?.close();
      }
    }
    await expect(inWorkers.ml.domain?.classify('law')).rejects.toThrow(/was released/);
  });
});
