import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { loadOrt } from './ort';

/** An int64 input (token ids, attention mask), row-major. */
export interface Int64Feed {
  type: 'int64';
  data: BigInt64Array;
  dims: number[];
}

/** A float32 output, row-major. */
export interface FloatOutput {
  data: Float32Array;
  dims: number[];
}

/**
 * What the model adapters need from a model: its input and output names and
 * a way to run it. Implemented by a session on this thread
 * (`inProcessRunner`) and by a session in an inference worker (`worker-runner.ts`).
 */
export interface ModelRunner {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, Int64Feed>): Promise<Record<string, FloatOutput>>;
  /** Frees the session (and ends its worker); later runs fail. */
  release(): Promise<void>;
}

/** A model opened for the life of the router. */
export interface OpenSession {
  runner: ModelRunner;
  /** The execution provider the session runs on (`cpu` unless another was asked for and loaded). */
  executionProvider: string;
}

/**
 * Runs a session on the calling thread. Outputs that are not float32 are
 * left out: no model the router reads produces any it uses.
 */
export function inProcessRunner(session: InferenceSession): ModelRunner {
  let released = false;
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds) {
      if (released) throw new Error('the model session was released');
      const ort = await loadOrt();
      const tensors: Record<string, Tensor> = {};
      for (const [name, feed] of Object.entries(feeds))
        tensors[name] = new ort.Tensor(feed.type, feed.data, feed.dims);
      const results = await session.run(tensors);
      const outputs: Record<string, FloatOutput> = {};
      for (const [name, tensor] of Object.entries(results)) {
        if (tensor.type === 'float32')
          outputs[name] = { data: tensor.data as Float32Array, dims: [...tensor.dims] };
      }
      return outputs;
    },
    async release() {
      if (released) return;
      released = true;
      await session.release();
    },
  };
}
