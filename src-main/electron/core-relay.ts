import { fail } from '../contract';
import type { CoreStatus, EventEnvelope, Result } from '../contract';
import { createLogger } from '../core/logger';
import type { SecretStore } from '../core/secrets/secret-store';
import { CoreToMainSchema } from './core-protocol';
import type { CoreToMain, MainToCore, NativeProblem } from './core-protocol';
import type { CoreCaller } from './ipc-transport';
import { answerSecretRequest } from './secret-requests';

const log = createLogger('core-relay');

/** The core process as main sees it (Electron's UtilityProcess has this shape). */
export interface CoreChild {
  postMessage(message: MainToCore): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface RestartPolicy {
  /** Wait before starting the core again after a crash. */
  delayMs: number;
  /** Crashes tolerated within `windowMs`; one more and the core is left stopped. */
  maxCrashes: number;
  windowMs: number;
}

export interface CoreRelayOptions {
  spawn(): CoreChild;
  dataDir: string;
  /** The key store main keeps (safeStorage lives in main only); the core asks for keys. */
  secrets: SecretStore;
  onEvent(envelope: EventEnvelope): void;
  onStatus(status: CoreStatus): void;
  onNativeProblems(problems: NativeProblem[]): void;
  restart?: Partial<RestartPolicy>;
  /** Longest wait at quit for the core to store what it has and exit. */
  stopTimeoutMs?: number;
  /** Calls kept while the core starts; more are refused. */
  maxQueued?: number;
  now?: () => number;
}

interface Call {
  id: number;
  method: string;
  input: unknown;
  resolve(result: Result<unknown>): void;
}

const DEFAULT_RESTART: RestartPolicy = { delayMs: 1_000, maxCrashes: 3, windowMs: 60_000 };

/**
 * Main's side of the core process: starts it, forwards contract calls to it
 * and their results back, relays its events, answers its key requests, and
 * restarts it when it crashes (calls in flight then fail with `unavailable`
 * and a clear message; calls made meanwhile wait for the new process).
 */
export class CoreRelay implements CoreCaller {
  private child: CoreChild | null = null;
  private generation = 0;
  private current: CoreStatus = { state: 'starting', message: null };
  private readonly inFlight = new Map<number, Call>();
  private queued: Call[] = [];
  private nextId = 1;
  private crashes: number[] = [];
  private restartTimer: NodeJS.Timeout | undefined;
  private exitExpected = false;
  private stopping: Promise<void> | null = null;
  private onStopped: (() => void) | null = null;
  private readonly restartPolicy: RestartPolicy;
  private readonly now: () => number;

  constructor(private readonly options: CoreRelayOptions) {
    this.restartPolicy = { ...DEFAULT_RESTART, ...options.restart };
    this.now = options.now ?? Date.now;
  }

  get status(): CoreStatus {
    return this.current;
  }

  start(): void {
    if (this.child || this.stopping) return;
    this.spawnChild();
  }

  call(method: string, input: unknown): Promise<Result<unknown>> {
    if (this.stopping) return Promise.resolve(fail('unavailable', 'Homelane is quitting.'));
    if (this.current.state === 'failed') {
      return Promise.resolve(
        fail('unavailable', this.current.message ?? 'The core is not running.'),
      );
    }
    return new Promise((resolve) => {
      const call: Call = { id: this.nextId++, method, input, resolve };
      if (this.current.state === 'ready' && this.child) {
        this.send(call);
      } else if (this.queued.length >= (this.options.maxQueued ?? 200)) {
        resolve(fail('unavailable', 'The Homelane core is starting; try again in a moment.'));
      } else {
        this.queued.push(call);
      }
    });
  }

  /** Starts the core again after it was given up on (the tray's "Restart the core"). */
  restart(): void {
    if (this.stopping || this.current.state !== 'failed') return;
    // A core that failed to start may still be closing: it is not waited for.
    this.child?.kill();
    this.child = null;
    this.crashes = [];
    this.setStatus({ state: 'starting', message: null });
    this.spawnChild();
  }

  /** Asks the core to close (chat turns stored, database closed) and waits for it to exit. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    clearTimeout(this.restartTimer);
    this.failAll('Homelane is quitting; the call was not finished.');
    const child = this.child;
    if (!child) {
      this.stopping = Promise.resolve();
      return this.stopping;
    }
    this.exitExpected = true;
    this.stopping = new Promise<void>((done) => {
      const timer = setTimeout(() => {
        log.warn('the core did not exit in time; ending it');
        child.kill();
        done();
      }, this.options.stopTimeoutMs ?? 6_000);
      this.onStopped = () => {
        clearTimeout(timer);
        done();
      };
      this.post(child, { kind: 'stop' });
    });
    return this.stopping;
  }

  private spawnChild(): void {
    const generation = ++this.generation;
    let child: CoreChild;
    try {
      child = this.options.spawn();
    } catch (error) {
      log.error({ err: error }, 'the core process could not be started');
      this.giveUp(`The Homelane core process could not be started: ${String(error)}`);
      return;
    }
    this.child = child;
    this.exitExpected = false;
    child.on('message', (message) => {
      if (generation === this.generation) this.receive(child, generation, message);
    });
    child.on('exit', (code) => {
      if (generation === this.generation) this.exited(code);
    });
    this.post(child, {
      kind: 'start',
      dataDir: this.options.dataDir,
      secrets: { kind: this.options.secrets.kind, writable: this.options.secrets.writable },
    });
  }

  private receive(child: CoreChild, generation: number, raw: unknown): void {
    const parsed = CoreToMainSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.length }, 'dropped a malformed message from the core');
      return;
    }
    const message = parsed.data as CoreToMain;
    switch (message.kind) {
      case 'ready':
        this.setStatus({ state: 'ready', message: null });
        for (const call of this.queued.splice(0)) this.send(call);
        if (message.nativeProblems.length > 0)
          this.options.onNativeProblems(message.nativeProblems);
        return;
      case 'start-failed':
        this.exitExpected = true;
        if (message.nativeProblems.length > 0)
          this.options.onNativeProblems(message.nativeProblems);
        this.giveUp(`The Homelane core could not start: ${message.message}`);
        this.post(child, { kind: 'stop' });
        return;
      case 'result': {
        const call = this.inFlight.get(message.id);
        if (!call) return;
        this.inFlight.delete(message.id);
        call.resolve(message.result);
        return;
      }
      case 'event':
        this.options.onEvent(message.envelope);
        return;
      case 'secret':
        void answerSecretRequest(this.options.secrets, message).then((outcome) => {
          if (generation === this.generation && this.child === child) {
            this.post(child, { kind: 'secret-result', id: message.id, outcome });
          }
        });
        return;
      case 'stopped':
        return;
    }
  }

  private exited(code: number): void {
    this.child = null;
    if (this.onStopped) {
      this.onStopped();
      this.onStopped = null;
      return;
    }
    if (this.exitExpected) return;
    log.error({ code }, 'the core process stopped unexpectedly');
    for (const call of this.inFlight.values()) {
      call.resolve(
        fail(
          'unavailable',
          `The Homelane core stopped unexpectedly (exit code ${code}) while answering ` +
            `${call.method}; it is restarting. Try again in a moment.`,
        ),
      );
    }
    this.inFlight.clear();
    const now = this.now();
    this.crashes = [...this.crashes.filter((at) => now - at < this.restartPolicy.windowMs), now];
    if (this.crashes.length > this.restartPolicy.maxCrashes) {
      const seconds = Math.round(this.restartPolicy.windowMs / 1000);
      this.giveUp(
        `The Homelane core stopped unexpectedly ${this.crashes.length} times within ${seconds} s ` +
          `(last exit code ${code}), so it was not restarted. Choose "Restart the core" in the ` +
          'tray menu, or quit and start Homelane again; the log has the details.',
      );
      return;
    }
    this.setStatus({
      state: 'restarting',
      message: `The Homelane core stopped unexpectedly (exit code ${code}); restarting it…`,
    });
    this.restartTimer = setTimeout(() => {
      if (!this.stopping) this.spawnChild();
    }, this.restartPolicy.delayMs);
  }

  /** The core will not be started again by itself: every waiting call fails with why. */
  private giveUp(message: string): void {
    this.setStatus({ state: 'failed', message });
    this.failAll(message);
  }

  private failAll(message: string): void {
    const calls = [...this.queued.splice(0), ...this.inFlight.values()];
    this.inFlight.clear();
    for (const call of calls) call.resolve(fail('unavailable', message));
  }

  private send(call: Call): void {
    const child = this.child;
    if (!child) {
      this.queued.push(call);
      return;
    }
    this.inFlight.set(call.id, call);
    this.post(child, { kind: 'call', id: call.id, method: call.method, input: call.input });
  }

  private post(child: CoreChild, message: MainToCore): void {
    try {
      child.postMessage(message);
    } catch (error) {
      log.warn({ err: error, kind: message.kind }, 'a message to the core could not be sent');
    }
  }

  private setStatus(status: CoreStatus): void {
    if (status.state === this.current.state && status.message === this.current.message) return;
    this.current = status;
    this.options.onStatus(status);
  }
}
