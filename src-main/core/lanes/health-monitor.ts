import { createLogger } from '../logger';
import type {
  HealthChangeEvent,
  HealthChangeListener,
  LaneHealth,
  LaneHealthState,
} from './health-events';
import { LaneError } from './lane-errors';
import type { HealthResult } from './openai-client';

// Watches lanes: one active check per lane at a time, on an interval that
// backs off exponentially while the lane keeps failing, plus passive reports
// from real traffic. Both feed the same counters and the same state machine;
// state changes go out as events.

const log = createLogger('lanes');

export type HealthCheck = (laneId: string, signal: AbortSignal) => Promise<HealthResult>;

/** Time as the monitor sees it; injectable so tests need no real waiting. */
export interface MonitorClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface HealthCheckSettings {
  /** Time between checks while the lane answers. */
  intervalMs: number;
  /** A check that takes longer is aborted and counts as a failure. */
  timeoutMs: number;
  /** Ceiling for the backed-off delay between checks of a failing lane. */
  maxBackoffMs: number;
  /** Failures in a row after which the lane is `down`. */
  failuresToDown: number;
}

export interface HealthMonitorOptions extends Partial<HealthCheckSettings> {
  check: HealthCheck;
  clock?: MonitorClock;
  /** Backed-off delays are shortened by up to this fraction at random (0 disables). */
  jitter?: number;
  /** Source of randomness for the jitter, in [0, 1). */
  random?: () => number;
  /** Weight of the newest sample in the average latency, in (0, 1]. */
  latencySmoothing?: number;
}

export const DEFAULT_HEALTH_SETTINGS: Readonly<HealthCheckSettings> = {
  intervalMs: 10_000,
  timeoutMs: 2_000,
  maxBackoffMs: 120_000,
  failuresToDown: 2,
};

export class UnknownLaneError extends Error {
  readonly code = 'unknown_lane';
  constructor(laneId: string) {
    super(`The health monitor does not watch a lane named "${laneId}"`);
    this.name = 'UnknownLaneError';
  }
}

const systemClock: MonitorClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    // A background watcher must not keep the process alive on its own.
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Delay before the next check: the interval while the lane answers, then
 * interval × 2^(n-1) after n failures in a row, capped at maxBackoffMs and
 * shortened by up to `jitter` of itself (random() in [0, 1)).
 */
export function nextCheckDelayMs(
  settings: HealthCheckSettings,
  consecutiveFailures: number,
  jitter = 0,
  random: () => number = Math.random,
): number {
  if (consecutiveFailures <= 0) return settings.intervalMs;
  const cap = Math.max(settings.intervalMs, settings.maxBackoffMs);
  const exponent = Math.min(consecutiveFailures - 1, 30);
  const delay = Math.min(cap, settings.intervalMs * 2 ** exponent);
  return Math.round(delay * (1 - jitter * random()));
}

/** One check in progress; it stays here until the check's promise settles. */
interface Flight {
  /** The outcome was recorded (answer, timeout) or dropped (stop, remove). */
  finished: boolean;
  cancel: () => void;
  /** Settles once the outcome was recorded or dropped. */
  recorded: Promise<LaneHealth>;
  /** Settles once the check's own promise settles. */
  settled: Promise<void>;
}

interface Entry {
  laneId: string;
  settings: HealthCheckSettings;
  health: LaneHealth;
  timer?: unknown;
  flight?: Flight;
}

type Observation = { ok: true; latencyMs: number } | { ok: false; error: LaneError };

export class HealthMonitor {
  private readonly check: HealthCheck;
  private readonly clock: MonitorClock;
  private readonly defaults: HealthCheckSettings;
  private readonly jitter: number;
  private readonly random: () => number;
  private readonly smoothing: number;
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<HealthChangeListener>();
  private running = false;

  constructor(options: HealthMonitorOptions) {
    this.check = options.check;
    this.clock = options.clock ?? systemClock;
    this.defaults = settingsOf(DEFAULT_HEALTH_SETTINGS, options);
    this.jitter = options.jitter ?? 0.1;
    if (!(this.jitter >= 0 && this.jitter < 1))
      throw new RangeError(`Health check jitter must be in [0, 1), got ${this.jitter}`);
    this.random = options.random ?? Math.random;
    this.smoothing = options.latencySmoothing ?? 0.3;
    if (!(this.smoothing > 0 && this.smoothing <= 1))
      throw new RangeError(`Latency smoothing must be in (0, 1], got ${this.smoothing}`);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Watches a lane (settings override the monitor's); re-adding only updates its settings. */
  add(laneId: string, overrides: Partial<HealthCheckSettings> = {}): void {
    const existing = this.entries.get(laneId);
    if (existing) {
      existing.settings = settingsOf(existing.settings, overrides);
      return;
    }
    const entry: Entry = {
      laneId,
      settings: settingsOf(this.defaults, overrides),
      health: {
        laneId,
        state: 'unknown',
        since: this.clock.now(),
        checks: 0,
        failures: 0,
        consecutiveFailures: 0,
      },
    };
    this.entries.set(laneId, entry);
    if (this.running) this.schedule(entry, 0);
  }

  /** Stops watching a lane, aborting its check in progress. */
  remove(laneId: string): boolean {
    const entry = this.entries.get(laneId);
    if (!entry) return false;
    this.entries.delete(laneId);
    this.clearTimer(entry);
    entry.flight?.cancel();
    return true;
  }

  /** Starts checking every lane (the first check right away). */
  start(): void {
    if (this.running) return;
    this.running = true;
    for (const entry of this.entries.values()) {
      if (!entry.flight || entry.flight.finished) this.schedule(entry, 0);
    }
  }

  /** Clears every timer and aborts the checks in progress; safe to call repeatedly. */
  stop(): void {
    this.running = false;
    for (const entry of this.entries.values()) {
      this.clearTimer(entry);
      entry.flight?.cancel();
    }
  }

  /**
   * Checks a lane now, whether or not the monitor runs, and resolves with its
   * health afterwards. A check already in progress is joined, not duplicated.
   */
  checkNow(laneId: string): Promise<LaneHealth> {
    const entry = this.entries.get(laneId);
    if (!entry) return Promise.reject(new UnknownLaneError(laneId));
    return this.run(entry, true);
  }

  snapshot(): LaneHealth[];
  snapshot(laneId: string): LaneHealth | undefined;
  snapshot(laneId?: string): LaneHealth[] | LaneHealth | undefined {
    if (laneId === undefined) return [...this.entries.values()].map((entry) => copyOf(entry));
    const entry = this.entries.get(laneId);
    return entry ? copyOf(entry) : undefined;
  }

  /** Listens for state changes; returns the function that stops listening. */
  on(event: 'change', listener: HealthChangeListener): () => void {
    if (event !== 'change') throw new TypeError(`Unknown health monitor event "${String(event)}"`);
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** A request down this lane succeeded. Lanes not watched are ignored. */
  recordSuccess(laneId: string, latencyMs: number): void {
    const entry = this.entries.get(laneId);
    if (!entry) return;
    const recovered = entry.health.consecutiveFailures > 0;
    this.observe(entry, { ok: true, latencyMs });
    // Recovery resets the backed-off schedule to the plain interval.
    if (recovered && this.running && !entry.flight) this.schedule(entry, entry.settings.intervalMs);
  }

  /** A request down this lane failed. Lanes not watched are ignored. */
  recordFailure(laneId: string, error: LaneError): void {
    const entry = this.entries.get(laneId);
    if (!entry) return;
    this.observe(entry, { ok: false, error });
  }

  /** Runs a check unless one is in progress; waits out a timed-out one that has not let go. */
  private run(entry: Entry, requested: boolean): Promise<LaneHealth> {
    const current = entry.flight;
    if (current) {
      if (!current.finished) return current.recorded;
      return current.settled.then(() => {
        const stillWanted = this.entries.get(entry.laneId) === entry && (requested || this.running);
        return stillWanted ? this.run(entry, requested) : copyOf(entry);
      });
    }
    this.clearTimer(entry);
    const flight = this.launch(entry);
    entry.flight = flight;
    void flight.settled.then(() => {
      if (entry.flight === flight) entry.flight = undefined;
    });
    return flight.recorded;
  }

  private launch(entry: Entry): Flight {
    const { timeoutMs } = entry.settings;
    const controller = new AbortController();
    let resolveOutcome!: (observation: Observation | undefined) => void;
    const outcome = new Promise<Observation | undefined>((resolve) => (resolveOutcome = resolve));
    // The first of answer, timeout and cancel decides; `finished` flips at once so
    // start() and run() see it before the outcome is processed.
    const finish = (observation: Observation | undefined): void => {
      if (flight.finished) return;
      flight.finished = true;
      this.clock.clearTimeout(timeout);
      resolveOutcome(observation);
    };
    const timeout = this.clock.setTimeout(() => {
      const error = new LaneError(
        'connect_timeout',
        `The health check did not answer within ${timeoutMs} ms`,
      );
      finish({ ok: false, error });
      controller.abort(error);
    }, timeoutMs);
    const flight: Flight = {
      finished: false,
      cancel: () => {
        finish(undefined);
        controller.abort(new LaneError('aborted', 'The health monitor stopped this check'));
      },
      settled: this.attempt(entry.laneId, controller.signal).then(finish),
      recorded: outcome.then((observation) => {
        if (observation && this.entries.get(entry.laneId) === entry) {
          this.observe(entry, observation);
          if (this.running) {
            const { consecutiveFailures } = entry.health;
            this.schedule(
              entry,
              nextCheckDelayMs(entry.settings, consecutiveFailures, this.jitter, this.random),
            );
          }
        }
        return copyOf(entry);
      }),
    };
    return flight;
  }

  /** Calls the check; whatever it does (answer, reject, throw) becomes an observation. */
  private async attempt(laneId: string, signal: AbortSignal): Promise<Observation> {
    try {
      const result = await this.check(laneId, signal);
      if (result.ok) return { ok: true, latencyMs: result.latencyMs };
      return { ok: false, error: result.error ?? failureWithoutError(result) };
    } catch (error) {
      if (error instanceof LaneError) return { ok: false, error };
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        error: new LaneError('unreachable', `The health check failed: ${message}`, {
          cause: error,
        }),
      };
    }
  }

  private observe(entry: Entry, observation: Observation): void {
    const health = entry.health;
    health.checks += 1;
    health.lastCheckedAt = this.clock.now();
    if (observation.ok) {
      const latency = observation.latencyMs;
      health.consecutiveFailures = 0;
      health.lastLatencyMs = latency;
      health.avgLatencyMs =
        health.avgLatencyMs === undefined
          ? latency
          : this.smoothing * latency + (1 - this.smoothing) * health.avgLatencyMs;
      delete health.lastError;
      this.transition(entry, 'healthy');
      return;
    }
    const { error } = observation;
    health.failures += 1;
    health.consecutiveFailures += 1;
    health.lastError = {
      code: error.code,
      message: error.message,
      ...(error.status !== undefined ? { status: error.status } : {}),
    };
    const down = health.consecutiveFailures >= entry.settings.failuresToDown;
    this.transition(entry, down ? 'down' : 'degraded');
  }

  private transition(entry: Entry, to: LaneHealthState): void {
    const from = entry.health.state;
    if (from === to) return;
    entry.health.state = to;
    entry.health.since = this.clock.now();
    const health = copyOf(entry);
    log.info(
      { laneId: entry.laneId, from, to, error: health.lastError?.code },
      `lane ${entry.laneId} is ${to}`,
    );
    this.emit({ laneId: entry.laneId, from, to, health });
  }

  private emit(event: HealthChangeEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        const returned: unknown = listener(event);
        if (returned instanceof Promise) {
          returned.catch((error: unknown) => logListenerFailure(event, error));
        }
      } catch (error) {
        logListenerFailure(event, error);
      }
    }
  }

  private schedule(entry: Entry, delayMs: number): void {
    this.clearTimer(entry);
    entry.health.nextCheckAt = this.clock.now() + delayMs;
    entry.timer = this.clock.setTimeout(() => {
      entry.timer = undefined;
      delete entry.health.nextCheckAt;
      if (this.running && this.entries.get(entry.laneId) === entry) void this.run(entry, false);
    }, delayMs);
  }

  private clearTimer(entry: Entry): void {
    if (entry.timer !== undefined) this.clock.clearTimeout(entry.timer);
    entry.timer = undefined;
    delete entry.health.nextCheckAt;
  }
}

function settingsOf(
  base: Readonly<HealthCheckSettings>,
  overrides: Partial<HealthCheckSettings>,
): HealthCheckSettings {
  const settings: HealthCheckSettings = {
    intervalMs: overrides.intervalMs ?? base.intervalMs,
    timeoutMs: overrides.timeoutMs ?? base.timeoutMs,
    maxBackoffMs: overrides.maxBackoffMs ?? base.maxBackoffMs,
    failuresToDown: overrides.failuresToDown ?? base.failuresToDown,
  };
  for (const key of ['intervalMs', 'timeoutMs', 'maxBackoffMs'] as const) {
    if (!(Number.isFinite(settings[key]) && settings[key] > 0))
      throw new RangeError(`Health check ${key} must be a positive number, got ${settings[key]}`);
  }
  if (!(Number.isInteger(settings.failuresToDown) && settings.failuresToDown >= 1))
    throw new RangeError(
      `Health check failuresToDown must be a whole number of at least 1, got ${settings.failuresToDown}`,
    );
  return settings;
}

function failureWithoutError(result: HealthResult): LaneError {
  if (result.status !== undefined) {
    return new LaneError('http_error', `The health check answered HTTP ${result.status}`, {
      status: result.status,
    });
  }
  return new LaneError('unreachable', 'The health check failed without saying why');
}

function copyOf(entry: Entry): LaneHealth {
  const health = { ...entry.health };
  if (health.lastError) health.lastError = { ...health.lastError };
  return health;
}

function logListenerFailure(event: HealthChangeEvent, error: unknown): void {
  log.error(
    { laneId: event.laneId, from: event.from, to: event.to, err: error },
    'a lane health listener failed',
  );
}
