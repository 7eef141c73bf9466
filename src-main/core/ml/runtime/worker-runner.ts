import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createLogger } from '../../logger';
import type { FromWorker, InferenceWorkerData, RunTiming, ToWorker } from './inference-messages';
import type { InferenceWorkerScript } from './inference-worker-location';
import { inferenceWorkerScript } from './inference-worker-location';
import type { FloatOutput, Int64Feed, ModelRunner, OpenSession } from './model-runner';
import type { SessionOptions } from './ort';

const log = createLogger('onnx');

/**
 * The worker could not be started, or stopped before its session was open
 * for a reason other than the model: the model may still open on this thread.
 */
export class WorkerStartError extends Error {
  override name = 'WorkerStartError';
}

export interface WorkerRunnerOptions {
  /** How messages name the model (default: the model file's name). */
  label?: string;
  /** Default: `inferenceWorkerScript()`. */
  script?: InferenceWorkerScript;
  /** Called with each run's start and end inside the worker (benchmarks, tests). */
  onRunTiming?: (timing: RunTiming) => void;
}

interface Pending {
  resolve(outputs: Record<string, FloatOutput>): void;
  reject(error: Error): void;
}

/** The main thread's side of one inference worker: requests matched to answers by id. */
class WorkerRunner implements ModelRunner {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Set once the worker is gone (or going): why later runs fail. */
  private stopped: Error | undefined;

  constructor(
    private readonly worker: Worker,
    readonly inputNames: readonly string[],
    readonly outputNames: readonly string[],
    private readonly label: string,
    private readonly onRunTiming?: (timing: RunTiming) => void,
  ) {
    // An idle worker must not keep the process alive (`homelane route` exits
    // after one request); it holds the process only while runs are pending.
    worker.unref();
  }

  run(feeds: Record<string, Int64Feed>): Promise<Record<string, FloatOutput>> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      try {
        this.worker.postMessage({ type: 'run', id, feeds } satisfies ToWorker);
      } catch (error) {
        reject(new Error(`the ${this.label} model's inputs cannot be sent: ${messageOf(error)}`));
        return;
      }
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
    });
  }

  async release(): Promise<void> {
    if (this.stopped) return;
    this.stop(new Error(`the ${this.label} model was released`));
    await this.worker.terminate();
  }

  answer(message: Extract<FromWorker, { type: 'result' | 'run-failed' }>): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.worker.unref();
    if (message.type === 'result') {
      this.onRunTiming?.(message.timing);
      pending.resolve(message.outputs);
    } else {
      pending.reject(new Error(message.error.message));
    }
  }

  /** Fails every pending and later run with `reason`. */
  stop(reason: Error): void {
    this.stopped ??= reason;
    for (const pending of this.pending.values()) pending.reject(reason);
    this.pending.clear();
    this.worker.unref();
  }

  get isStopped(): boolean {
    return this.stopped !== undefined;
  }
}

/**
 * Opens a model in a worker thread of its own, so its inference neither
 * blocks the event loop nor waits for other models. Rejects with the
 * runtime's error if the model cannot be opened, and with a WorkerStartError
 * if the worker itself cannot run. A worker that dies later fails its pending
 * and later runs with an error naming the model, and is logged.
 */
export function startWorkerRunner(
  modelPath: string,
  session: SessionOptions = {},
  options: WorkerRunnerOptions = {},
): Promise<OpenSession> {
  const label = options.label ?? basename(modelPath);
  let worker: Worker;
  try {
    const script = options.script ?? inferenceWorkerScript();
    const workerData: InferenceWorkerData = { modelPath, options: session };
    worker = script.tsxApi
      ? new Worker(tsxBootstrap(script.tsxApi, script.url), { eval: true, workerData })
      : new Worker(script.url, { workerData });
  } catch (error) {
    return Promise.reject(new WorkerStartError(`no inference worker: ${messageOf(error)}`));
  }
  return new Promise((resolve, reject) => {
    let runner: WorkerRunner | undefined;
    let crash: Error | undefined;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        runner = new WorkerRunner(
          worker,
          message.inputNames,
          message.outputNames,
          label,
          options.onRunTiming,
        );
        resolve({ runner, executionProvider: message.executionProvider });
      } else if (message.type === 'open-failed') {
        reject(new Error(message.error.message));
      } else {
        runner?.answer(message);
      }
    });
    worker.on('error', (error) => {
      crash = error;
    });
    worker.on('exit', (code) => {
      const why = `exit code ${code}${crash ? `: ${crash.message}` : ''}`;
      if (!runner) {
        // After 'open-failed' this rejection is a no-op: the model's error stands.
        reject(new WorkerStartError(`the ${label} inference worker stopped (${why})`));
      } else if (!runner.isStopped) {
        log.error({ model: label, code, err: crash }, 'an inference worker stopped');
        runner.stop(new Error(`the ${label} model's inference worker stopped (${why})`));
      }
    });
  });
}

/** Worker code that registers tsx, then runs a TypeScript script. */
function tsxBootstrap(tsxApi: string, script: URL): string {
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
