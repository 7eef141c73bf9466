import type { FloatOutput, Int64Feed } from './model-runner';
import type { SessionOptions } from './ort';

// The messages between a WorkerRunner (main thread) and its inference worker.
// Errors cross as data: the worker may hold error types the main thread
// cannot rebuild, and a message is all a person needs.

/** What the worker is started with. */
export interface InferenceWorkerData {
  modelPath: string;
  options: SessionOptions;
}

export interface ErrorData {
  name: string;
  message: string;
}

/** One run's start and end inside the worker, in ms since the epoch (comparable across threads). */
export interface RunTiming {
  start: number;
  end: number;
}

export type ToWorker = { type: 'run'; id: number; feeds: Record<string, Int64Feed> };

export type FromWorker =
  | {
      type: 'ready';
      inputNames: string[];
      outputNames: string[];
      executionProvider: string;
    }
  /** The session could not be opened (a bad model file, say): the worker ends. */
  | { type: 'open-failed'; error: ErrorData }
  | { type: 'result'; id: number; outputs: Record<string, FloatOutput>; timing: RunTiming }
  | { type: 'run-failed'; id: number; error: ErrorData };

export function errorData(error: unknown): ErrorData {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}
