// Where the inference worker's script is. Bundled code cannot find it from
// its own `import.meta.url` (it may sit in a shared chunk), so the entry that
// ships beside it registers it: the CLI registers out/main/inference-worker.js,
// a benchmark the worker it bundled. With nothing registered the code runs
// from TypeScript sources (tests, tools), and the worker does too, through tsx.
// Kept free of imports: the CLI loads it at start, in lite mode too.

/** A script to start an inference worker from. */
export interface InferenceWorkerScript {
  url: URL;
  /**
   * tsx's ESM API, for a TypeScript script: the worker registers it before
   * importing the script (on Node 20, `--import tsx` in a worker's execArgv
   * does not reach the worker).
   */
  tsxApi?: string;
}

let registered: URL | undefined;

/**
 * Registers the built worker script (once, at start, from the entry that
 * ships beside it); `undefined` forgets it.
 */
export function configureInferenceWorker(url: URL | undefined): void {
  registered = url;
}

/** The registered script, else the TypeScript source beside this file. */
export function inferenceWorkerScript(): InferenceWorkerScript {
  if (registered) return { url: registered };
  return {
    url: new URL('./inference-worker.ts', import.meta.url),
    // Throws where tsx is not installed (a devDependency): the caller then
    // runs the model on the calling thread.
    tsxApi: import.meta.resolve('tsx/esm/api'),
  };
}
