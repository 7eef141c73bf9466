import type Docker from 'dockerode';
import { createLogger } from '../../logger';
import { createOpenAiClient } from '../openai-client';
import {
  LABEL_MANAGED,
  LABEL_SPEC_HASH,
  containerCreateOptions,
  specHash,
} from './container-config';
import type { DockerEndpoint } from './docker-connection';
import { pingEngine } from './docker-connection';
import { LogFrameParser, LogLineSplitter } from './log-frames';
import type { LogStream } from './log-frames';
import {
  ManagedLaneError,
  connectionError,
  engineMessage,
  engineStatus,
} from './managed-lane-error';
import type { ManagedLaneSpec } from './managed-lane-spec';
import { managedLaneBaseUrl } from './managed-lane-spec';
import { checkDevices, checkPortFree, ensureVolumeSources } from './preflight';
import type { PullEvent, PullProgress } from './pull-progress';
import { PullProgressTracker } from './pull-progress';

const log = createLogger('managed-lane');

export type ContainerState =
  'absent' | 'created' | 'running' | 'restarting' | 'paused' | 'exited' | 'dead' | 'removing';

export interface ManagedLaneStatus {
  name: string;
  state: ContainerState;
  baseUrl: string;
  image: string;
  containerId?: string;
  /** False when the container was made from an older version of the spec. */
  upToDate?: boolean;
  startedAt?: string;
  exitCode?: number;
}

export type LifecycleStep =
  | { step: 'preflight' | 'network' | 'create' | 'start' | 'ready'; message: string }
  | { step: 'pull'; message: string; progress: PullProgress }
  | { step: 'health'; message: string; elapsedMs: number };

export interface UpOptions {
  signal?: AbortSignal;
  onStep?: (step: LifecycleStep) => void;
  /** How often to look at the container and `/health` while it starts. */
  pollMs?: number;
}

export interface LogLine {
  stream: LogStream;
  line: string;
}

/** One managed lane: its container's whole life, through the Docker Engine API. */
export class ManagedLane {
  constructor(
    readonly spec: ManagedLaneSpec,
    private readonly endpoint: DockerEndpoint,
  ) {}

  get baseUrl(): string {
    return managedLaneBaseUrl(this.spec);
  }

  private get docker(): Docker {
    return this.endpoint.docker;
  }

  async status(): Promise<ManagedLaneStatus> {
    const base = { name: this.spec.name, baseUrl: this.baseUrl, image: this.spec.image };
    const info = await this.inspectOwn();
    if (!info) return { ...base, state: 'absent' };
    return {
      ...base,
      state: info.State.Status as ContainerState,
      containerId: info.Id,
      upToDate: info.Config.Labels[LABEL_SPEC_HASH] === specHash(this.spec),
      ...(info.State.StartedAt ? { startedAt: info.State.StartedAt } : {}),
      ...(info.State.Status === 'exited' ? { exitCode: info.State.ExitCode } : {}),
    };
  }

  /**
   * Brings the lane up: checks, network, image (pulled when missing),
   * container (re-made when the spec changed), start, and a wait until the
   * server answers `/health` and lists the served aliases.
   */
  async up(options: UpOptions = {}): Promise<ManagedLaneStatus> {
    const step = options.onStep ?? (() => undefined);
    await pingEngine(this.endpoint);
    let info = await this.inspectOwn();
    if (info && info.Config.Labels[LABEL_SPEC_HASH] !== specHash(this.spec)) {
      step({
        step: 'create',
        message: 'The spec changed since the container was made: re-making it',
      });
      await this.removeContainer(info.Id);
      info = undefined;
    }
    const running = info?.State.Running === true;
    if (!running) {
      step({ step: 'preflight', message: 'Checking devices, port and cache folder' });
      if (this.endpoint.local) {
        await checkDevices(this.spec);
        await checkPortFree(this.spec);
        await ensureVolumeSources(this.spec);
      }
      step({ step: 'network', message: `Network ${this.spec.network}` });
      await this.ensureNetwork();
      await this.ensureImage(step, options.signal);
      let id = info?.Id;
      if (id === undefined) {
        step({ step: 'create', message: `Creating container ${this.spec.containerName}` });
        id = await this.create();
      }
      step({ step: 'start', message: `Starting container ${this.spec.containerName}` });
      await this.start(id);
    }
    await this.waitHealthy(step, options);
    step({
      step: 'ready',
      message: `Serving ${this.spec.servedModelNames.join(', ')} at ${this.baseUrl}`,
    });
    return this.status();
  }

  /** Stops the container (it stays, so `up` restarts it quickly). */
  async down(timeoutSeconds = 30): Promise<ManagedLaneStatus> {
    await pingEngine(this.endpoint);
    const info = await this.inspectOwn();
    if (!info) throw this.notCreated();
    if (info.State.Running || info.State.Restarting) {
      await this.call(() => this.docker.getContainer(info.Id).stop({ t: timeoutSeconds }), [304]);
    }
    return this.status();
  }

  /** Stops and removes the container; the image and the network stay. */
  async remove(): Promise<void> {
    await pingEngine(this.endpoint);
    const info = await this.inspectOwn();
    if (!info) return;
    await this.removeContainer(info.Id);
  }

  /** Creates the spec's network unless it exists or is one of Docker's own. */
  async ensureNetwork(): Promise<void> {
    const name = this.spec.network;
    if (['host', 'bridge', 'none', 'default'].includes(name)) return;
    const existing = await this.call(() => this.docker.listNetworks({ filters: { name: [name] } }));
    if (existing.some((network) => network.Name === name)) return;
    await this.call(() =>
      this.docker.createNetwork({
        Name: name,
        Driver: 'bridge',
        Labels: { [LABEL_MANAGED]: 'true' },
      }),
    );
  }

  /** Pulls the image, reporting layer progress; a clear error when it cannot be had. */
  async pullImage(
    onProgress: (progress: PullProgress) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const image = this.spec.image;
    const tracker = new PullProgressTracker();
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.docker.pull(image);
    } catch (error) {
      throw this.imageMissing(error);
    }
    await new Promise<void>((resolve, reject) => {
      const abort = () => {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        reject(new ManagedLaneError('aborted', `Pulling ${image} was cancelled`));
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      this.docker.modem.followProgress(
        stream,
        (error: unknown) => {
          signal?.removeEventListener('abort', abort);
          if (error) reject(this.imageMissing(error));
          else resolve();
        },
        (event: PullEvent) => {
          if (event.error) return;
          onProgress(tracker.add(event));
        },
      );
    });
  }

  /** The container's output as lines; `follow` keeps reading until the signal aborts. */
  async *logs(
    options: { follow?: boolean; tail?: number; signal?: AbortSignal } = {},
  ): AsyncGenerator<LogLine> {
    await pingEngine(this.endpoint);
    const info = await this.inspectOwn();
    if (!info) throw this.notCreated();
    const container = this.docker.getContainer(info.Id);
    const common = {
      stdout: true,
      stderr: true,
      ...(options.tail !== undefined ? { tail: options.tail } : {}),
    };
    const frames = new LogFrameParser();
    const lines = new LogLineSplitter();
    const framed = info.Config.Tty !== true;
    const split = function* (chunk: Buffer): Generator<LogLine> {
      const parsed = framed
        ? frames.push(chunk)
        : [{ stream: 'stdout' as const, text: chunk.toString('utf8') }];
      for (const frame of parsed) yield* lines.push(frame);
    };
    if (!options.follow) {
      const buffer = await this.call(() => container.logs({ ...common, follow: false }));
      yield* split(buffer);
      yield* lines.end();
      return;
    }
    const stream = await this.call(() =>
      container.logs({
        ...common,
        follow: true,
        ...(options.signal ? { abortSignal: options.signal } : {}),
      }),
    );
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) yield* split(chunk);
    } catch (error) {
      if (!options.signal?.aborted) throw error;
    }
    yield* lines.end();
  }

  private async ensureImage(step: (s: LifecycleStep) => void, signal?: AbortSignal): Promise<void> {
    try {
      await this.docker.getImage(this.spec.image).inspect();
      return;
    } catch (error) {
      if (engineStatus(error) !== 404) throw this.wrap(error);
    }
    step({
      step: 'pull',
      message: `Pulling ${this.spec.image}`,
      progress: new PullProgressTracker().snapshot(),
    });
    await this.pullImage(
      (progress) => step({ step: 'pull', message: `Pulling ${this.spec.image}`, progress }),
      signal,
    );
  }

  private async create(): Promise<string> {
    try {
      const container = await this.docker.createContainer(containerCreateOptions(this.spec));
      return container.id;
    } catch (error) {
      if (engineStatus(error) === 409) throw this.nameTaken();
      throw this.wrap(error);
    }
  }

  private async start(id: string): Promise<void> {
    await this.call(() => this.docker.getContainer(id).start(), [304]);
  }

  private async waitHealthy(step: (s: LifecycleStep) => void, options: UpOptions): Promise<void> {
    const started = Date.now();
    const deadline = started + this.spec.startupTimeoutSeconds * 1000;
    const pollMs = options.pollMs ?? 1000;
    const client = createOpenAiClient({
      baseUrl: this.baseUrl,
      connectTimeoutMs: 2000,
      idleTimeoutMs: 2000,
    });
    for (;;) {
      if (options.signal?.aborted)
        throw new ManagedLaneError('aborted', 'Waiting for the lane was cancelled');
      const info = await this.inspectOwn();
      if (!info) throw this.notCreated();
      if (!info.State.Running) {
        const tail = await this.lastLines(20);
        throw new ManagedLaneError(
          'exited',
          `The container ${this.spec.containerName} stopped (exit code ${info.State.ExitCode}) before it answered /health.${tail ? `\nIts last lines:\n${tail}` : ''}`,
        );
      }
      const health = await client.health(options.signal ? { signal: options.signal } : {});
      if (health.ok) {
        const served = await client.listModels().catch(() => [] as string[]);
        const missing = this.spec.servedModelNames.filter((name) => !served.includes(name));
        if (missing.length === 0) return;
        log.debug({ missing }, 'health ok, but not every alias is listed yet');
      }
      const elapsedMs = Date.now() - started;
      if (Date.now() >= deadline) {
        throw new ManagedLaneError(
          'startup_timeout',
          `The lane did not become healthy within ${this.spec.startupTimeoutSeconds} s (${this.baseUrl}/health). Loading a large model can take longer: raise startupTimeoutSeconds, or read the logs.`,
        );
      }
      step({ step: 'health', message: `Waiting for ${this.baseUrl}/health`, elapsedMs });
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private async lastLines(count: number): Promise<string> {
    try {
      const lines: string[] = [];
      for await (const entry of this.logs({ tail: count })) lines.push(entry.line);
      return lines.join('\n');
    } catch {
      return '';
    }
  }

  private async removeContainer(id: string): Promise<void> {
    await this.call(() => this.docker.getContainer(id).remove({ force: true }), [404]);
  }

  /** The container of this lane, when there is one; an error when the name belongs to another. */
  private async inspectOwn(): Promise<Docker.ContainerInspectInfo | undefined> {
    let info: Docker.ContainerInspectInfo;
    try {
      info = await this.docker.getContainer(this.spec.containerName).inspect();
    } catch (error) {
      if (engineStatus(error) === 404) return undefined;
      throw this.wrap(error);
    }
    if (info.Config.Labels?.[LABEL_MANAGED] !== 'true') throw this.nameTaken();
    return info;
  }

  /** Runs an engine call; `ignore` lists statuses that mean "already so". */
  private async call<T>(run: () => Promise<T>, ignore: number[] = []): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const status = engineStatus(error);
      if (status !== undefined && ignore.includes(status)) return undefined as T;
      throw this.wrap(error);
    }
  }

  private wrap(error: unknown): unknown {
    const connection = connectionError(error, this.endpoint.where);
    if (connection !== error) return connection;
    const message = engineMessage(error);
    if (/error gathering device information|no such file or directory.*\/dev\//i.test(message)) {
      return new ManagedLaneError(
        'device_missing',
        `Docker cannot map a device of the lane: ${message}`,
        {
          cause: error,
        },
      );
    }
    if (/port is already allocated|address already in use/i.test(message)) {
      return new ManagedLaneError('port_in_use', `The lane's port is in use: ${message}`, {
        cause: error,
      });
    }
    return new ManagedLaneError('docker_error', `Docker refused: ${message}`, { cause: error });
  }

  private imageMissing(error: unknown): unknown {
    const connection = connectionError(error, this.endpoint.where);
    if (connection !== error) return connection;
    return new ManagedLaneError(
      'image_missing',
      `The image ${this.spec.image} is not on this machine and could not be pulled: ${engineMessage(error)}`,
      { cause: error },
    );
  }

  private nameTaken(): ManagedLaneError {
    return new ManagedLaneError(
      'name_taken',
      `A container named ${this.spec.containerName} exists that Homelane did not create. Remove or rename it, or change the lane's containerName.`,
    );
  }

  private notCreated(): ManagedLaneError {
    return new ManagedLaneError(
      'not_created',
      `The lane ${this.spec.name} has no container yet: run "homelane lanes up ${this.spec.name}".`,
    );
  }
}
