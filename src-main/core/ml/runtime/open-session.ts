import { basename } from 'node:path';
import { createLogger } from '../../logger';
import type { OpenSession } from './model-runner';
import { inProcessRunner } from './model-runner';
import { createOrtSession } from './ort';
import type { SessionOptions } from './ort';
import { startWorkerRunner, WorkerStartError } from './worker-runner';

const log = createLogger('onnx');
let saidInProcess = false;

/**
 * Opens a model once for the life of the router: in a worker thread of its
 * own (the default), or on this thread when workers are turned off
 * (HOMELANE_ORT_WORKERS=0) or one cannot be started. Both log why.
 */
export async function openSession(
  modelPath: string,
  options: SessionOptions = {},
  label = basename(modelPath),
): Promise<OpenSession> {
  if (options.workers === false) {
    if (!saidInProcess) log.info('ONNX models run on the main thread (worker threads turned off)');
    saidInProcess = true;
    return openInProcess(modelPath, options);
  }
  try {
    const opened = await startWorkerRunner(modelPath, options, { label });
    log.debug({ model: label }, 'model opened in an inference worker');
    return opened;
  } catch (error) {
    if (!(error instanceof WorkerStartError)) throw error;
    log.warn(
      { model: label, err: error },
      'no inference worker; the model runs on the main thread',
    );
    return openInProcess(modelPath, options);
  }
}

async function openInProcess(modelPath: string, options: SessionOptions): Promise<OpenSession> {
  const { session, executionProvider } = await createOrtSession(modelPath, options);
  return { runner: inProcessRunner(session), executionProvider };
}
