import { performance } from 'node:perf_hooks';
import type { MessagePort, Transferable } from 'node:worker_threads';
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, InferenceWorkerData, ToWorker } from './inference-messages';
import { errorData } from './inference-messages';
import type { FloatOutput, ModelRunner } from './model-runner';
import { inProcessRunner } from './model-runner';
import { createOrtSession } from './ort';

// The entry of an inference worker (started by worker-runner.ts): one model's
// ONNX session on a thread of its own, so that ONNX Runtime's synchronous
// `run()` blocks neither the event loop nor the other models. Built to
// out/main/inference-worker.js; from sources it runs through tsx.

/** Epoch milliseconds with sub-millisecond precision, comparable across threads. */
const now = () => performance.timeOrigin + performance.now();

function send(port: MessagePort, message: FromWorker, transfer: Transferable[] = []): void {
  try {
    port.postMessage(message, transfer);
  } catch {
    // A buffer that cannot be moved (memory the runtime owns) is copied instead.
    port.postMessage(message);
  }
}

/**
 * Moves output buffers to the main thread instead of copying them. An output
 * that is a view into a larger (or shared) buffer is first copied into its own.
 */
function movable(outputs: Record<string, FloatOutput>): Transferable[] {
  const buffers = new Set<ArrayBufferLike>();
  for (const output of Object.values(outputs)) {
    const { data } = output;
    const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
    if (!whole || buffers.has(data.buffer) || !(data.buffer instanceof ArrayBuffer))
      output.data = data.slice();
    buffers.add(output.data.buffer);
  }
  return [...buffers].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

async function answer(port: MessagePort, runner: ModelRunner, message: ToWorker): Promise<void> {
  const { id, feeds } = message;
  try {
    const start = now();
    const outputs = await runner.run(feeds);
    const timing = { start, end: now() };
    send(port, { type: 'result', id, outputs, timing }, movable(outputs));
  } catch (error) {
    send(port, { type: 'run-failed', id, error: errorData(error) });
  }
}

async function serve(port: MessagePort, data: InferenceWorkerData): Promise<void> {
  let runner: ModelRunner;
  let executionProvider: string;
  try {
    const opened = await createOrtSession(data.modelPath, data.options);
    runner = inProcessRunner(opened.session);
    executionProvider = opened.executionProvider;
  } catch (error) {
    send(port, { type: 'open-failed', error: errorData(error) });
    port.close();
    return;
  }
  port.on('message', (message: ToWorker) => void answer(port, runner, message));
  send(port, {
    type: 'ready',
    inputNames: [...runner.inputNames],
    outputNames: [...runner.outputNames],
    executionProvider,
  });
}

if (!parentPort) throw new Error('inference-worker runs as a worker thread (see worker-runner.ts)');
void serve(parentPort, workerData as InferenceWorkerData);
