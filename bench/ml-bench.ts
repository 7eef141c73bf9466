// Model-signal pipeline overhead: every model-based signal family runs on
// tiny ONNX models (built by the test support in test/support/onnx), and the
// wall time during which some model call (tokenise + inference) is in flight
// is subtracted from the route time. What remains is what the
// pipeline adds. Run: npm run bench:ml
// With real models installed, `-- --data-dir DIR --config FILE` measures them instead.
// Each model runs in its own inference worker (bundled here beside the bench);
// HOMELANE_ORT_WORKERS=0 runs them on the main thread instead.
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { loadConfigText } from '../src-main/core/config/load';
import { loadConfigFile } from '../src-main/core/config/load';
import type { RouterConfig } from '../src-main/core/config/router-config';
import { configureInferenceWorker } from '../src-main/core/ml/runtime/inference-worker-location';
import { loadMlRuntime } from '../src-main/core/ml/runtime/load-ml-runtime';
import type { ModelRunner } from '../src-main/core/ml/runtime/model-runner';
import { openSession } from '../src-main/core/ml/runtime/open-session';
import type {
  Embedder,
  MlRuntime,
  SequenceClassifier,
  TokenClassifier,
} from '../src-main/core/ml/types';
import { Router } from '../src-main/core/router/router';
import { installTinyModel } from '../test/support/onnx/tiny-models';
import { makeTempDir } from '../test/support/temp-dir';
import { heavyFeeds, writeHeavyModel } from '../test/unit/ml/fixtures/heavy-model';
import { makePrompts } from './prompt-corpus';

const TINY_CONFIG = `version: v0.3
providers:
  defaults: { default_model: local }
  models: [{ name: local, provider_model_id: local }]
routing:
  modelCards: [{ name: local }]
  signals:
    embeddings:
      - { name: coding, threshold: 0.6, candidates: [python code, debug this function, fix the bug] }
      - { name: legal, threshold: 0.6, candidates: [contract law, court statute] }
    complexity:
      - { name: effort, threshold: 0.1, hard: { candidates: [prove this theorem] }, easy: { candidates: [hello there] } }
    reasks: [{ name: again, threshold: 0.8 }]
    domains: [{ name: law }, { name: math }, { name: computer science }]
    fact_check: [{ name: needs_fact_check }, { name: no_fact_check_needed }]
    user_feedbacks: [{ name: wrong_answer }, { name: need_clarification }]
    jailbreak: [{ name: attack, threshold: 0.5 }]
    pii: [{ name: sensitive, threshold: 0.85 }]
  decisions:
    - { name: any, rules: { operator: AND }, modelRefs: [{ model: local }] }
`;

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** Wraps each model so every call's [start, end) interval is recorded. */
function timed(ml: MlRuntime, intervals: [number, number][]): MlRuntime {
  const time = async <T>(call: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await call();
    } finally {
      intervals.push([start, performance.now()]);
    }
  };
  const wrap = <M extends Embedder | SequenceClassifier | TokenClassifier>(
    model: M | undefined,
  ): M | undefined => {
    if (!model) return undefined;
    return new Proxy(model, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (
          typeof value !== 'function' ||
          !['embed', 'classify', 'classifyTokens'].includes(String(key))
        )
          return value;
        return (...args: unknown[]) =>
          time(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      },
    });
  };
  return {
    ...(ml.embedder ? { embedder: wrap(ml.embedder) } : {}),
    ...(ml.domain ? { domain: wrap(ml.domain) } : {}),
    ...(ml.factCheck ? { factCheck: wrap(ml.factCheck) } : {}),
    ...(ml.feedback ? { feedback: wrap(ml.feedback) } : {}),
    ...(ml.jailbreak ? { jailbreak: wrap(ml.jailbreak) } : {}),
    ...(ml.pii ? { pii: wrap(ml.pii) } : {}),
    ...(ml.modality ? { modality: wrap(ml.modality) } : {}),
  };
}

/** Wall time covered by at least one interval (concurrent calls overlap). */
function covered(intervals: [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of sorted) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function setup(): Promise<{ config: RouterConfig; dataDir: string; label: string }> {
  const dataDir = argument('--data-dir');
  const configFile = argument('--config');
  if (dataDir && configFile) {
    const { config } = await loadConfigFile(configFile);
    if (!config) throw new Error(`${configFile} does not load; run homelane validate on it`);
    return { config, dataDir, label: `installed models in ${dataDir}, ${configFile}` };
  }
  const temp = makeTempDir('homelane-ml-bench-');
  process.on('exit', () => temp.cleanup());
  for (const role of [
    'embedding',
    'domain',
    'fact_check',
    'feedback',
    'jailbreak',
    'pii',
  ] as const) {
    await installTinyModel(temp.dir, role);
  }
  const { config } = loadConfigText(TINY_CONFIG, 'tiny-bench.yaml');
  return {
    config: config as RouterConfig,
    dataDir: temp.dir,
    label: 'tiny test models (pipeline overhead)',
  };
}

/**
 * Bundles the inference worker beside this (bundled) script, as the app's
 * build does beside the CLI, and registers it.
 */
async function bundleInferenceWorker(): Promise<void> {
  const outfile = new URL('./inference-worker.mjs', import.meta.url);
  await build({
    entryPoints: [
      fileURLToPath(new URL('../../src-main/core/ml/runtime/inference-worker.ts', import.meta.url)),
    ],
    outfile: fileURLToPath(outfile),
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  configureInferenceWorker(outfile);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

async function timeRuns(runners: ModelRunner[], rounds: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await Promise.all(runners.map((runner) => runner.run(heavyFeeds())));
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * Inference of two models at once, on the main thread and in workers: two
 * sessions of a model that computes for tens of milliseconds
 * (test/unit/ml/fixtures/heavy-model.ts), and the event loop's longest stall
 * while both run.
 */
async function parallelInference(): Promise<string> {
  const temp = makeTempDir('homelane-ml-bench-heavy-');
  const path = join(temp.dir, 'heavy.onnx');
  await writeHeavyModel(path);
  const defaultThreads = Math.max(1, Math.min(4, availableParallelism()));
  let table =
    '| sessions | threads per session | one run alone | two models at once | longest event-loop stall |\n' +
    '|---|---|---|---|---|\n';
  try {
    for (const threads of [1, defaultThreads]) {
      for (const workers of [false, true]) {
        const opened = await Promise.all([0, 1].map(() => openSession(path, { threads, workers })));
        const runners = opened.map((o) => o.runner);
        await timeRuns(runners, 2);
        const alone = await timeRuns(runners.slice(0, 1), 7);
        const stalls = monitorEventLoopDelay({ resolution: 1 });
        stalls.enable();
        const together = await timeRuns(runners, 7);
        stalls.disable();
        table +=
          `| ${workers ? 'in workers' : 'main thread'} | ${threads} | ${alone.toFixed(1)} ms | ` +
          `${together.toFixed(1)} ms | ${(stalls.max / 1e6).toFixed(1)} ms |\n`;
        await Promise.all(runners.map((runner) => runner.release()));
      }
    }
  } finally {
    temp.cleanup();
  }
  return table;
}

async function main(): Promise<void> {
  await bundleInferenceWorker();
  const { config, dataDir, label } = await setup();
  const loaded = await loadMlRuntime(dataDir, config);
  const threading =
    process.env['HOMELANE_ORT_WORKERS'] === '0'
      ? 'sessions on the main thread (HOMELANE_ORT_WORKERS=0)'
      : 'one inference worker thread per model';
  const intervals: [number, number][] = [];
  const router = await Router.create(config, { ml: timed(loaded.ml, intervals) });
  loaded.candidateCache?.seal();
  const requests = makePrompts(1_000, 1024, 11).map((text, i) => ({
    messages: [
      { role: 'user', content: 'explain the contract again' },
      { role: 'assistant', content: 'Here is the explanation.' },
      { role: 'user', content: i % 3 === 0 ? `${text} Email jdoe@example.com` : text },
    ],
  }));
  for (const request of requests.slice(0, 100)) await router.route(request, { evaluateAll: true });
  const total: number[] = [];
  const inside: number[] = [];
  const overhead: number[] = [];
  const overlap: number[] = [];
  for (const request of requests) {
    intervals.length = 0;
    const start = performance.now();
    await router.route(request, { evaluateAll: true });
    const elapsed = performance.now() - start;
    const busy = covered(intervals);
    overlap.push(intervals.reduce((sum, [s, e]) => sum + e - s, 0) / busy);
    total.push(elapsed);
    inside.push(busy);
    overhead.push(elapsed - busy);
  }
  for (const list of [total, inside, overhead]) list.sort((a, b) => a - b);
  const row = (name: string, list: number[]) =>
    `| ${name} | ${percentile(list, 50).toFixed(3)} ms | ${percentile(list, 90).toFixed(3)} ms | ${percentile(list, 99).toFixed(3)} ms |\n`;
  process.stdout.write(
    `Model-signal benchmark: ${label}\n` +
      `inference: ${threading}\n` +
      `models: ${loaded.models.map((m) => `${m.role} ${m.status}${m.executionProvider ? ` (${m.executionProvider})` : ''}`).join(', ')}\n` +
      `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.versions.node}\n` +
      `method: ${requests.length} three-turn conversations (~1 KB last turn), every signal family evaluated, after 100 warm-up routes; ` +
      `"inside models" is the wall time during which at least one model call (tokenise + inference) is in flight; ` +
      `overhead = route − inside\n\n` +
      `| per request | p50 | p90 | p99 |\n|---|---|---|---|\n` +
      row('route (all signals)', total) +
      row('inside models', inside) +
      row('pipeline overhead', overhead) +
      `\nmodel calls overlap: their summed durations are ${median(overlap).toFixed(1)}× the wall time they cover (median)\n`,
  );
  await loaded.release();
  loaded.candidateCache?.close();
  process.stdout.write(
    `\nParallel inference: two sessions of a compute-heavy test model (60 chained 256×256 MatMuls ` +
      `over 1024 tokens), median of 7 rounds after 2 warm-up rounds\n\n${await parallelInference()}`,
  );
}

await main();
