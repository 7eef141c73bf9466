import { availableParallelism } from 'node:os';
import type * as OrtModule from 'onnxruntime-node';
import type { InferenceSession } from 'onnxruntime-node';
import { createLogger } from '../../logger';

const log = createLogger('onnx');

type Ort = typeof OrtModule;
let ortModule: Promise<Ort> | undefined;

/** onnxruntime-node, loaded on first use so lite mode never pays for it. */
export function loadOrt(): Promise<Ort> {
  ortModule ??= import('onnxruntime-node');
  return ortModule;
}

/** An ONNX Runtime session on the thread that opened it. */
export interface OrtSession {
  session: InferenceSession;
  /** The execution provider the session runs on (`cpu` unless another was asked for and loaded). */
  executionProvider: string;
}

export interface SessionOptions {
  /** Execution providers to try in order before `cpu` (HOMELANE_ORT_PROVIDERS, comma-separated). */
  providers?: readonly string[];
  /** Threads inside one operator (HOMELANE_ORT_THREADS; default: up to 4, one per core). */
  threads?: number;
  /**
   * Run each model's session in its own worker thread (default), so models
   * infer in parallel and the event loop stays free; `false` runs them on
   * the calling thread (HOMELANE_ORT_WORKERS=0).
   */
  workers?: boolean;
}

export function sessionOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SessionOptions {
  const providers = (env['HOMELANE_ORT_PROVIDERS'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '' && p !== 'cpu');
  const threads = Number(env['HOMELANE_ORT_THREADS']);
  return {
    providers,
    ...(Number.isInteger(threads) && threads > 0 ? { threads } : {}),
    ...(env['HOMELANE_ORT_WORKERS'] === '0' ? { workers: false } : {}),
  };
}

/**
 * Creates an ONNX Runtime session on the calling thread (the main thread, or
 * an inference worker). A provider that cannot load (not built into this
 * onnxruntime, no device) is skipped with a log line; the CPU provider is
 * always the last resort.
 */
export async function createOrtSession(
  modelPath: string,
  options: SessionOptions = {},
): Promise<OrtSession> {
  const ort = await loadOrt();
  const threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism()));
  const providers = [...new Set([...(options.providers ?? []), 'cpu'])];
  let lastError: unknown;
  for (const provider of providers) {
    try {
      const session = await ort.InferenceSession.create(modelPath, {
        executionProviders: [provider],
        intraOpNumThreads: threads,
        graphOptimizationLevel: 'all',
        // Idle threads otherwise spin between runs and burn a core each.
        extra: { session: { intra_op: { allow_spinning: '0' } } },
      } as InferenceSession.SessionOptions);
      return { session, executionProvider: provider };
    } catch (error) {
      lastError = error;
      if (provider !== 'cpu')
        log.info({ provider, err: error }, 'execution provider unavailable; trying the next');
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
