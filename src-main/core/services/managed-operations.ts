import type { ManagedLaneStatusView, ManagedProgress } from '../../contract';
import { createLogger } from '../logger';
import { dockerEndpoint } from '../lanes/managed/docker-connection';
import type { DockerEndpoint } from '../lanes/managed/docker-connection';
import { ManagedLane } from '../lanes/managed/managed-lane';
import type { LifecycleStep, LogLine, ManagedLaneStatus } from '../lanes/managed/managed-lane';
import { ManagedLaneError } from '../lanes/managed/managed-lane-error';
import type { ManagedLaneSpec } from '../lanes/managed/managed-lane-spec';
import type { EventBus } from './event-bus';

const log = createLogger('managed-lane');

/** Pull and health steps repeat quickly; the UI gets at most one of them this often. */
const PROGRESS_EVERY_MS = 250;

// The managed containers of a running app: a start runs in the background
// (minutes when an image is pulled or a large model loads) and reports each
// step as a `lanes.managed.progress` event; a stop cancels a start that is
// still running. One operation per lane at a time.

export interface ManagedOperationsOptions {
  events: EventBus;
  /** Where DOCKER_HOST is read (default: this process's environment). */
  env?: Record<string, string | undefined>;
  /** Called once a lane answers after a start, or was stopped (e.g. to check its health now). */
  onSettled?: (name: string) => Promise<void> | void;
}

interface Operation {
  kind: 'up' | 'down';
  controller: AbortController;
  done: Promise<void>;
}

export class ManagedOperations {
  private readonly running = new Map<string, Operation>();
  private readonly endpoint: DockerEndpoint;

  constructor(private readonly options: ManagedOperationsOptions) {
    this.endpoint = dockerEndpoint(options.env ?? process.env);
  }

  /** What is being done with a lane's container now. */
  operation(name: string): 'up' | 'down' | null {
    return this.running.get(name)?.kind ?? null;
  }

  lane(spec: ManagedLaneSpec): ManagedLane {
    return new ManagedLane(spec, this.endpoint);
  }

  /** The container's state; `unknown`, with the reason, when Docker cannot be asked. */
  async status(spec: ManagedLaneSpec): Promise<ManagedLaneStatusView> {
    try {
      return this.view(await this.lane(spec).status());
    } catch (error) {
      if (!(error instanceof ManagedLaneError)) throw error;
      const lane = this.lane(spec);
      return {
        ...this.view({
          name: spec.name,
          state: 'absent',
          baseUrl: lane.baseUrl,
          image: spec.image,
        }),
        state: 'unknown',
        problem: { code: error.code, message: error.message },
      };
    }
  }

  /**
   * Starts a lane in the background; false when it is already starting. The
   * outcome arrives as a `ready` or `failed` progress event.
   */
  up(spec: ManagedLaneSpec): boolean {
    const current = this.running.get(spec.name);
    if (current?.kind === 'up') return false;
    const controller = new AbortController();
    const previous = current?.done ?? Promise.resolve();
    const done: Promise<void> = previous
      .then(() => this.runUp(spec, controller.signal))
      .then((announce) => {
        // Over before it is announced: a status read on `ready` shows no operation.
        if (this.running.get(spec.name)?.done === done) this.running.delete(spec.name);
        announce();
      });
    this.running.set(spec.name, { kind: 'up', controller, done });
    return true;
  }

  /** Stops (or removes) a lane's container; a start still running is cancelled first. */
  async down(spec: ManagedLaneSpec, remove = false): Promise<ManagedLaneStatusView> {
    const current = this.running.get(spec.name);
    current?.controller.abort();
    const controller = new AbortController();
    const work = (current?.done ?? Promise.resolve()).then(async () => {
      const lane = this.lane(spec);
      if (remove) {
        await lane.remove();
        return lane.status();
      }
      return lane.down();
    });
    const done = work.then(
      () => undefined,
      () => undefined,
    );
    this.running.set(spec.name, { kind: 'down', controller, done });
    let status: ManagedLaneStatus;
    try {
      status = await work;
    } finally {
      if (this.running.get(spec.name)?.done === done) this.running.delete(spec.name);
    }
    // Its lanes are checked now rather than at the next round, without holding the answer.
    void Promise.resolve(this.options.onSettled?.(spec.name)).catch(() => undefined);
    return this.view(status);
  }

  /** The container's last `tail` lines of output. */
  async logs(spec: ManagedLaneSpec, tail: number): Promise<LogLine[]> {
    const lines: LogLine[] = [];
    for await (const entry of this.lane(spec).logs({ tail })) lines.push(entry);
    return lines.slice(-tail);
  }

  /** Cancels every start in progress and waits for each operation to end. */
  async stop(): Promise<void> {
    const operations = [...this.running.values()];
    for (const operation of operations) operation.controller.abort();
    await Promise.allSettled(operations.map((operation) => operation.done));
  }

  /** Runs a start; resolves with the announcement of its end (`ready` or `failed`), never rejects. */
  private async runUp(spec: ManagedLaneSpec, signal: AbortSignal): Promise<() => void> {
    const emit = progressEmitter(this.options.events, spec.name);
    let ready: LifecycleStep | undefined;
    try {
      await this.lane(spec).up({
        signal,
        onStep: (step) => {
          if (step.step === 'ready') ready = step;
          else emit(step);
        },
      });
      await this.options.onSettled?.(spec.name);
      const last = ready ?? { step: 'ready' as const, message: `${spec.name} is running` };
      return () => emit(last);
    } catch (error) {
      const failure =
        error instanceof ManagedLaneError
          ? { code: error.code, message: error.message }
          : {
              code: 'internal',
              message: 'Starting the lane failed unexpectedly; the log says why.',
            };
      if (!(error instanceof ManagedLaneError))
        log.error({ err: error, lane: spec.name }, 'managed lane start failed');
      return () => emit({ step: 'failed', message: failure.message }, failure);
    }
  }

  private view(status: ManagedLaneStatus): ManagedLaneStatusView {
    return {
      name: status.name,
      state: status.state,
      baseUrl: status.baseUrl,
      image: status.image,
      containerId: status.containerId ?? null,
      upToDate: status.upToDate ?? null,
      startedAt: status.startedAt ?? null,
      exitCode: status.exitCode ?? null,
      operation: this.operation(status.name),
      problem: null,
    };
  }
}

type ProgressStep = LifecycleStep | { step: 'failed'; message: string };

/** Turns lifecycle steps into progress events, thinning out the repeated ones. */
export function progressEmitter(
  events: EventBus,
  name: string,
  now: () => number = Date.now,
): (step: ProgressStep, error?: { code: string; message: string }) => void {
  let lastStep = '';
  let lastAt = 0;
  return (step, error) => {
    const at = now();
    const repeated = step.step === lastStep && (step.step === 'pull' || step.step === 'health');
    if (repeated && at - lastAt < PROGRESS_EVERY_MS) return;
    lastStep = step.step;
    lastAt = at;
    const payload: ManagedProgress = {
      name,
      step: step.step,
      message: step.message,
      pull:
        step.step === 'pull'
          ? {
              layers: step.progress.layers,
              layersDone: step.progress.layersDone,
              downloadedBytes: step.progress.downloadedBytes,
              totalBytes: step.progress.totalBytes,
            }
          : null,
      elapsedMs: step.step === 'health' ? step.elapsedMs : null,
      error: error ?? null,
      at,
    };
    events.emit('lanes.managed.progress', payload);
  };
}
