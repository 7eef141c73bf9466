import { fail } from '../contract';
import type { EventEnvelope, Result } from '../contract';
import { createLogger } from '../core/logger';
import type { SecretStore } from '../core/secrets/secret-store';
import { MainToCoreSchema } from './core-protocol';
import type { CoreToMain, MainToCore, NativeProblem } from './core-protocol';
import { PortSecretStore, SecretChannel } from './port-secret-store';

const log = createLogger('core-host');

/** The core process's end of the port to main. */
export interface CorePort {
  postMessage(message: CoreToMain): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** The services the core process runs, opened (see core-services.ts). */
export interface OpenedCore {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (envelope: EventEnvelope) => void): () => void;
  close(): Promise<void>;
}

export interface CoreHostOptions {
  port: CorePort;
  open(options: { dataDir: string; secrets: SecretStore }): Promise<OpenedCore>;
  /** Loads the native modules once, to report the ones that cannot load. */
  probe(): Promise<NativeProblem[]>;
  exit(code: number): void;
  /** Longest wait at stop for the services to close. */
  closeTimeoutMs?: number;
}

/**
 * Runs the core inside its own process: waits for main's `start`, opens the
 * services (SQLite, ONNX, routing, lanes — none of it on the window's
 * thread), answers calls, pushes events, and closes on `stop`.
 */
export function runCoreHost(options: CoreHostOptions): void {
  const { port } = options;
  let core: OpenedCore | null = null;
  let started = false;
  let stopping = false;
  const channel = new SecretChannel((id, request) =>
    port.postMessage({ kind: 'secret', id, ...request }),
  );

  const start = async (message: Extract<MainToCore, { kind: 'start' }>) => {
    const nativeProblems = await options.probe();
    for (const problem of nativeProblems) {
      log.error({ module: problem.module, error: problem.error }, 'a native module cannot load');
    }
    try {
      const secrets = new PortSecretStore(channel, message.secrets.kind, message.secrets.writable);
      const opened = await options.open({ dataDir: message.dataDir, secrets });
      if (stopping) {
        await opened.close();
        return;
      }
      core = opened;
      opened.subscribe((envelope) => port.postMessage({ kind: 'event', envelope }));
      port.postMessage({ kind: 'ready', nativeProblems });
    } catch (error) {
      log.error({ err: error }, 'the core could not start');
      const text = error instanceof Error ? error.message : String(error);
      port.postMessage({ kind: 'start-failed', message: text, nativeProblems });
    }
  };

  const call = async (id: number, method: string, input: unknown) => {
    let result: Result<unknown>;
    if (!core) {
      result = fail('unavailable', 'The Homelane core is still starting; try again in a moment.');
    } else {
      try {
        result = await core.call(method, input);
      } catch (error) {
        log.error({ err: error, method }, 'a call failed outside dispatch');
        result = fail('internal', `${method} failed unexpectedly; the log has the details.`);
      }
    }
    port.postMessage({ kind: 'result', id, result });
  };

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const closing = core?.close() ?? Promise.resolve();
    const timeout = new Promise<void>((done) =>
      setTimeout(done, options.closeTimeoutMs ?? 5_000).unref(),
    );
    await Promise.race([closing, timeout]).catch((error: unknown) => {
      log.error({ err: error }, 'closing the core failed');
    });
    port.postMessage({ kind: 'stopped' });
    options.exit(0);
  };

  port.onMessage((raw) => {
    const parsed = MainToCoreSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn('dropped a malformed message from main');
      return;
    }
    const message = parsed.data;
    switch (message.kind) {
      case 'start':
        if (started) return;
        started = true;
        void start(message);
        return;
      case 'call':
        void call(message.id, message.method, message.input);
        return;
      case 'secret-result':
        channel.settle(message.id, message.outcome);
        return;
      case 'stop':
        void stop();
        return;
    }
  });
}
