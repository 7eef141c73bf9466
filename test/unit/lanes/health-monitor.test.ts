import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  HealthChangeEvent,
  LaneHealthState,
} from '../../../src-main/core/lanes/health-events';
import {
  HealthMonitor,
  UnknownLaneError,
  nextCheckDelayMs,
} from '../../../src-main/core/lanes/health-monitor';
import type {
  HealthCheck,
  HealthMonitorOptions,
  MonitorClock,
} from '../../../src-main/core/lanes/health-monitor';
import { LaneError } from '../../../src-main/core/lanes/lane-errors';
import { createOpenAiClient } from '../../../src-main/core/lanes/openai-client';
import type { HealthResult } from '../../../src-main/core/lanes/openai-client';
import { startStandInLlm } from '../../support/stand-in-llm';
import type { StandInLlm } from '../../support/stand-in-llm';

/** Lets pending promise callbacks run (a macrotask turn, no waiting on time). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Time that only moves when the test moves it. */
class FakeClock implements MonitorClock {
  private time = 1_000;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward, firing due timers in order and letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await flush();
      let dueId: number | undefined;
      let dueAt = Infinity;
      for (const [id, timer] of this.timers) {
        if (timer.at <= target && timer.at < dueAt) {
          dueId = id;
          dueAt = timer.at;
        }
      }
      const due = dueId === undefined ? undefined : this.timers.get(dueId);
      if (dueId === undefined || !due) break;
      this.timers.delete(dueId);
      this.time = due.at;
      due.callback();
    }
    this.time = target;
    await flush();
  }
}

interface Call {
  laneId: string;
  at: number;
  signal: AbortSignal;
  answer: (result: HealthResult) => void;
}

/** A check the test answers by hand; `auto` answers each call at once instead. */
function scriptedCheck(clock: FakeClock) {
  const calls: Call[] = [];
  let auto: (() => HealthResult) | undefined;
  const check: HealthCheck = (laneId, signal) =>
    new Promise<HealthResult>((resolve) => {
      calls.push({ laneId, at: clock.now(), signal, answer: resolve });
      if (auto) resolve(auto());
    });
  return {
    check,
    calls,
    answerAll(answer: (() => HealthResult) | undefined) {
      auto = answer;
    },
  };
}

const ok = (latencyMs = 40): HealthResult => ({ ok: true, latencyMs, status: 200 });
const fail500 = (): HealthResult => ({
  ok: false,
  latencyMs: 5,
  status: 500,
  error: new LaneError('http_error', 'HTTP 500: boom', { status: 500 }),
});

function setup(options: Partial<HealthMonitorOptions> = {}) {
  const clock = new FakeClock();
  const script = scriptedCheck(clock);
  const monitor = new HealthMonitor({
    check: script.check,
    clock,
    intervalMs: 1_000,
    timeoutMs: 200,
    maxBackoffMs: 5_000,
    failuresToDown: 2,
    jitter: 0,
    ...options,
  });
  const events: HealthChangeEvent[] = [];
  monitor.on('change', (event) => events.push(event));
  const transitions = () => events.map((event) => `${event.from}>${event.to}`);
  return { clock, monitor, events, transitions, ...script };
}

describe('HealthMonitor state machine (fake clock)', () => {
  it('starts unknown and turns healthy after the first successful check, run at once', async () => {
    const { clock, monitor, events, calls, answerAll } = setup();
    answerAll(() => ok(40));
    monitor.add('a');
    expect(monitor.snapshot('a')).toMatchObject({
      laneId: 'a',
      state: 'unknown',
      since: 1_000,
      checks: 0,
      failures: 0,
      consecutiveFailures: 0,
    });
    monitor.start();
    await clock.advance(0);
    expect(calls).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ laneId: 'a', from: 'unknown', to: 'healthy' });
    expect(events[0]?.health).toMatchObject({ state: 'healthy', checks: 1, lastLatencyMs: 40 });
    expect(monitor.snapshot('a')).toMatchObject({
      state: 'healthy',
      lastCheckedAt: 1_000,
      lastLatencyMs: 40,
      avgLatencyMs: 40,
      checks: 1,
      nextCheckAt: 2_000,
    });
    monitor.stop();
  });

  it('goes healthy → degraded → down, stays down quietly, and recovers on a success', async () => {
    const { clock, monitor, transitions, answerAll } = setup();
    monitor.add('a');
    answerAll(() => ok());
    monitor.start();
    await clock.advance(0);
    answerAll(fail500);
    await clock.advance(1_000);
    expect(monitor.snapshot('a')).toMatchObject({
      state: 'degraded',
      failures: 1,
      consecutiveFailures: 1,
      lastError: { code: 'http_error', message: 'HTTP 500: boom', status: 500 },
    });
    await clock.advance(1_000);
    expect(monitor.snapshot('a')?.state).toBe('down');
    await clock.advance(2_000);
    expect(monitor.snapshot('a')).toMatchObject({
      state: 'down',
      failures: 3,
      consecutiveFailures: 3,
    });
    expect(transitions()).toEqual(['unknown>healthy', 'healthy>degraded', 'degraded>down']);
    answerAll(() => ok());
    await clock.advance(4_000);
    const health = monitor.snapshot('a');
    expect(transitions()).toEqual([
      'unknown>healthy',
      'healthy>degraded',
      'degraded>down',
      'down>healthy',
    ]);
    expect(health).toMatchObject({ state: 'healthy', checks: 5, failures: 3 });
    expect(health?.consecutiveFailures).toBe(0);
    expect(health?.lastError).toBeUndefined();
    expect(health?.since).toBe(clock.now());
    monitor.stop();
  });

  it('backs off exponentially while failing, caps the delay, and resets it on recovery', async () => {
    const { clock, monitor, calls, answerAll } = setup();
    answerAll(fail500);
    monitor.add('a');
    monitor.start();
    await clock.advance(0);
    await clock.advance(20_000);
    const gaps = calls.slice(1).map((call, i) => call.at - (calls[i]?.at ?? 0));
    // interval × 2^(n-1) after n failures: 1 s, 2 s, 4 s, then capped at 5 s.
    expect(gaps.slice(0, 5)).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
    answerAll(() => ok());
    const before = calls.length;
    await clock.advance(2_000);
    expect(calls.length).toBe(before + 1);
    expect(monitor.snapshot('a')?.state).toBe('healthy');
    expect(monitor.snapshot('a')?.nextCheckAt).toBe((calls.at(-1)?.at ?? 0) + 1_000);
    await clock.advance(2_000);
    const recovered = calls.slice(before).map((call) => call.at);
    expect(recovered).toHaveLength(3);
    expect(recovered.slice(1).map((at, i) => at - (recovered[i] ?? 0))).toEqual([1_000, 1_000]);
    monitor.stop();
  });

  it('shortens backed-off delays by the injected jitter, never beyond the cap', async () => {
    const settings = { intervalMs: 1_000, timeoutMs: 100, maxBackoffMs: 5_000, failuresToDown: 2 };
    expect(nextCheckDelayMs(settings, 0, 0.2, () => 0.5)).toBe(1_000);
    expect(nextCheckDelayMs(settings, 3, 0, () => 0.5)).toBe(4_000);
    expect(nextCheckDelayMs(settings, 3, 0.2, () => 0.5)).toBe(3_600);
    expect(nextCheckDelayMs(settings, 40, 0.2, () => 0)).toBe(5_000);
    expect(nextCheckDelayMs(settings, 40, 0.2, () => 0.999)).toBeGreaterThanOrEqual(4_000);

    const { clock, monitor, answerAll } = setup({ jitter: 0.5, random: () => 0.5 });
    answerAll(fail500);
    monitor.add('a');
    monitor.start();
    await clock.advance(0);
    await clock.advance(750);
    // Two failures in a row: 2 s × (1 − 0.5 × 0.5) = 1.5 s.
    expect(monitor.snapshot('a')?.consecutiveFailures).toBe(2);
    expect(monitor.snapshot('a')?.nextCheckAt).toBe(clock.now() + 1_500);
    monitor.stop();
  });

  it('aborts a check that exceeds the timeout and counts it as connect_timeout', async () => {
    const { clock, monitor, calls, events } = setup({ timeoutMs: 200 });
    monitor.add('a');
    monitor.start();
    await clock.advance(0);
    expect(calls).toHaveLength(1);
    await clock.advance(199);
    expect(monitor.snapshot('a')?.checks).toBe(0);
    expect(calls[0]?.signal.aborted).toBe(false);
    await clock.advance(1);
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(monitor.snapshot('a')).toMatchObject({
      state: 'degraded',
      checks: 1,
      failures: 1,
      lastError: { code: 'connect_timeout' },
    });
    expect(events.map((event) => event.to)).toEqual(['degraded']);
    // A late answer from the abandoned check changes nothing.
    calls[0]?.answer(ok());
    await clock.advance(0);
    expect(monitor.snapshot('a')).toMatchObject({ state: 'degraded', checks: 1 });
    monitor.stop();
  });

  it('never runs two checks of one lane at once', async () => {
    const { clock, monitor, calls } = setup({ timeoutMs: 200 });
    monitor.add('a');
    // Joined, not duplicated.
    const first = monitor.checkNow('a');
    const second = monitor.checkNow('a');
    await clock.advance(0);
    expect(calls).toHaveLength(1);
    calls[0]?.answer(ok(12));
    const [one, two] = await Promise.all([first, second]);
    expect(one).toEqual(two);
    expect(one.checks).toBe(1);

    // A timed-out check that ignores its abort keeps the lane busy until it settles.
    monitor.start();
    await clock.advance(0);
    expect(calls).toHaveLength(2);
    await clock.advance(200 + 1_000 + 3_000);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.signal.aborted).toBe(true);
    const waiting = monitor.checkNow('a');
    await clock.advance(0);
    expect(calls).toHaveLength(2);
    calls[1]?.answer(ok());
    await clock.advance(0);
    expect(calls).toHaveLength(3);
    calls[2]?.answer(ok(30));
    expect((await waiting).state).toBe('healthy');
    monitor.stop();
  });

  it('stop() aborts checks in progress, clears timers, drops their outcome and is idempotent', async () => {
    const { clock, monitor, calls, answerAll } = setup();
    monitor.add('a');
    monitor.add('b');
    monitor.start();
    await clock.advance(0);
    expect(calls.map((call) => call.laneId)).toEqual(['a', 'b']);
    monitor.stop();
    monitor.stop();
    expect(monitor.isRunning).toBe(false);
    expect(calls.every((call) => call.signal.aborted)).toBe(true);
    expect(clock.pendingTimers).toBe(0);
    expect(monitor.snapshot().map((health) => health.nextCheckAt)).toEqual([undefined, undefined]);
    calls.forEach((call) => call.answer(ok()));
    await clock.advance(10_000);
    expect(calls).toHaveLength(2);
    expect(monitor.snapshot().map((health) => [health.state, health.checks])).toEqual([
      ['unknown', 0],
      ['unknown', 0],
    ]);

    answerAll(() => ok());
    monitor.start();
    await clock.advance(0);
    expect(calls).toHaveLength(4);
    expect(monitor.snapshot().map((health) => health.state)).toEqual(['healthy', 'healthy']);
    monitor.stop();
  });

  it('checkNow works without start(), schedules nothing, and rejects unknown lanes', async () => {
    const { clock, monitor, answerAll } = setup();
    answerAll(() => ok(25));
    monitor.add('a');
    const health = await monitor.checkNow('a');
    expect(health).toMatchObject({ state: 'healthy', checks: 1, lastLatencyMs: 25 });
    expect(health.nextCheckAt).toBeUndefined();
    expect(clock.pendingTimers).toBe(0);
    const error = await monitor.checkNow('nope').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnknownLaneError);
    expect(error).toMatchObject({ code: 'unknown_lane' });
  });

  it('turns a thrown error or an error-less failure into a failed observation', async () => {
    const clock = new FakeClock();
    let mode: 'throw' | 'bare' = 'throw';
    const monitor = new HealthMonitor({
      clock,
      failuresToDown: 5,
      check: async () => {
        if (mode === 'throw') throw new Error('socket exploded');
        return { ok: false, latencyMs: 3, status: 503 };
      },
    });
    monitor.add('a');
    expect((await monitor.checkNow('a')).lastError).toEqual({
      code: 'unreachable',
      message: 'The health check failed: socket exploded',
    });
    mode = 'bare';
    expect((await monitor.checkNow('a')).lastError).toEqual({
      code: 'http_error',
      message: 'The health check answered HTTP 503',
      status: 503,
    });
  });

  it('feeds passive reports from real traffic into the same counters and state', async () => {
    const { clock, monitor, transitions, calls, answerAll } = setup({ latencySmoothing: 0.5 });
    monitor.add('a');
    monitor.recordSuccess('a', 100);
    monitor.recordSuccess('a', 200);
    expect(monitor.snapshot('a')).toMatchObject({
      state: 'healthy',
      checks: 2,
      lastLatencyMs: 200,
      avgLatencyMs: 150,
    });
    monitor.recordFailure('a', new LaneError('idle_timeout', 'went quiet'));
    monitor.recordFailure('a', new LaneError('stream_dropped', 'dropped'));
    expect(monitor.snapshot('a')).toMatchObject({
      state: 'down',
      checks: 4,
      failures: 2,
      consecutiveFailures: 2,
      lastError: { code: 'stream_dropped', message: 'dropped' },
    });
    expect(transitions()).toEqual(['unknown>healthy', 'healthy>degraded', 'degraded>down']);

    // Active checks back off; a passive success resets the schedule to the interval.
    answerAll(fail500);
    monitor.start();
    await clock.advance(0);
    expect(monitor.snapshot('a')?.nextCheckAt).toBe(clock.now() + 4_000);
    monitor.recordSuccess('a', 50);
    expect(monitor.snapshot('a')?.state).toBe('healthy');
    expect(monitor.snapshot('a')?.nextCheckAt).toBe(clock.now() + 1_000);
    answerAll(() => ok());
    const before = calls.length;
    await clock.advance(1_000);
    expect(calls.length).toBe(before + 1);

    // Reports for lanes not watched are ignored.
    monitor.recordFailure('other', new LaneError('unreachable', 'x'));
    expect(monitor.snapshot('other')).toBeUndefined();
    monitor.stop();
  });

  it('keeps going when a listener throws, and unsubscribes', async () => {
    const { monitor } = setup();
    const seen: LaneHealthState[] = [];
    monitor.on('change', () => {
      throw new Error('listener bug');
    });
    monitor.on('change', () => Promise.reject(new Error('async listener bug')));
    const off = monitor.on('change', (event) => seen.push(event.to));
    monitor.add('a');
    monitor.recordSuccess('a', 10);
    monitor.recordFailure('a', new LaneError('unreachable', 'gone'));
    expect(seen).toEqual(['healthy', 'degraded']);
    expect(monitor.snapshot('a')?.state).toBe('degraded');
    off();
    monitor.recordFailure('a', new LaneError('unreachable', 'gone'));
    expect(monitor.snapshot('a')?.state).toBe('down');
    expect(seen).toEqual(['healthy', 'degraded']);
    await flush();
  });

  it('applies per-lane overrides and removes lanes, aborting their check', async () => {
    const { clock, monitor, calls } = setup();
    monitor.add('strict', { failuresToDown: 1 });
    monitor.recordFailure('strict', new LaneError('unreachable', 'gone'));
    expect(monitor.snapshot('strict')?.state).toBe('down');

    monitor.add('gone');
    monitor.start();
    await clock.advance(0);
    const call = calls.find((c) => c.laneId === 'gone');
    expect(monitor.remove('gone')).toBe(true);
    expect(monitor.remove('gone')).toBe(false);
    expect(call?.signal.aborted).toBe(true);
    expect(monitor.snapshot('gone')).toBeUndefined();
    expect(monitor.snapshot().map((health) => health.laneId)).toEqual(['strict']);
    monitor.stop();
  });

  it('rejects settings that cannot work', () => {
    const check: HealthCheck = async () => ok();
    expect(() => new HealthMonitor({ check, intervalMs: 0 })).toThrow(RangeError);
    expect(() => new HealthMonitor({ check, failuresToDown: 1.5 })).toThrow(/failuresToDown/);
    expect(() => new HealthMonitor({ check, jitter: 1 })).toThrow(/jitter/);
    const monitor = new HealthMonitor({ check });
    expect(() => monitor.add('a', { timeoutMs: -1 })).toThrow(/timeoutMs/);
  });
});

/** Collects every change; waits for the next one into a given state. */
function watch(monitor: HealthMonitor) {
  const events: HealthChangeEvent[] = [];
  const waiters: Array<() => void> = [];
  monitor.on('change', (event) => {
    events.push(event);
    waiters.splice(0).forEach((wake) => wake());
  });
  let seen = 0;
  async function next(to: LaneHealthState, timeoutMs = 4_000): Promise<HealthChangeEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = events.findIndex((event, i) => i >= seen && event.to === to);
      const found = index >= 0 ? events[index] : undefined;
      if (found) {
        seen = index + 1;
        return found;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no change to ${to}; saw ${JSON.stringify(events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  return { events, next };
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 4_000;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('HealthMonitor against a real OpenAI-compatible server', () => {
  let llm: StandInLlm;
  let monitor: HealthMonitor | undefined;
  beforeAll(async () => {
    llm = await startStandInLlm();
  });
  afterAll(async () => {
    await llm.stop();
  });
  beforeEach(async () => {
    await llm.reset();
  });
  afterEach(() => {
    monitor?.stop();
  });

  function monitorFor(options: Partial<HealthMonitorOptions> = {}): HealthMonitor {
    const client = createOpenAiClient({
      baseUrl: llm.url,
      connectTimeoutMs: 5_000,
      idleTimeoutMs: 5_000,
    });
    monitor = new HealthMonitor({
      check: (_laneId, signal) => client.health({ signal }),
      intervalMs: 20,
      timeoutMs: 2_000,
      maxBackoffMs: 80,
      failuresToDown: 2,
      jitter: 0,
      ...options,
    });
    return monitor;
  }

  it('reports unknown → healthy → degraded → down → healthy as the server fails and recovers', async () => {
    const lanes = monitorFor();
    const { events, next } = watch(lanes);
    lanes.add('stand-in');
    lanes.start();

    const up = await next('healthy');
    expect(up.from).toBe('unknown');
    expect(up.health.lastLatencyMs).toBeGreaterThanOrEqual(0);
    expect(up.health.avgLatencyMs).toBeGreaterThanOrEqual(0);
    expect(up.health.failures).toBe(0);

    await llm.setBehaviour({ status: 500 });
    const degraded = await next('degraded');
    expect(degraded.health.lastError).toMatchObject({ code: 'http_error', status: 500 });
    const down = await next('down');
    expect(down.health.consecutiveFailures).toBe(2);

    await llm.setBehaviour({});
    const back = await next('healthy');
    expect(back.from).toBe('down');

    expect(events.map((event) => `${event.from}>${event.to}`)).toEqual([
      'unknown>healthy',
      'healthy>degraded',
      'degraded>down',
      'down>healthy',
    ]);
    const health = lanes.snapshot('stand-in');
    expect(health?.state).toBe('healthy');
    expect(health?.consecutiveFailures).toBe(0);
    expect(health?.failures).toBeGreaterThanOrEqual(2);
    const checks = health?.checks ?? 0;
    expect(checks).toBeGreaterThanOrEqual((health?.failures ?? 0) + 2);
    expect(health?.lastError).toBeUndefined();
    // Every recorded check was a real request (the one in progress may not be counted yet).
    const probes = (await llm.requests()).filter((request) => request.path === '/health');
    expect(probes.length).toBeGreaterThanOrEqual(checks);
  });

  it('aborts a check the server never answers and records connect_timeout', async () => {
    await llm.setBehaviour({ stall: 'before-headers' });
    const lanes = monitorFor({ timeoutMs: 100 });
    lanes.add('stand-in');
    const health = await lanes.checkNow('stand-in');
    expect(health).toMatchObject({
      state: 'degraded',
      failures: 1,
      lastError: { code: 'connect_timeout' },
    });
    // The request really was abandoned, not left hanging.
    expect(
      await until(
        () => llm.disconnects(),
        (count) => count >= 1,
      ),
    ).toBeGreaterThanOrEqual(1);
  });
});
