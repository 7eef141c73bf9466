import { describe, expect, it } from 'vitest';
import { RequestGuard } from '../../../src-main/core/lanes/request-guard';

// The guard's timers: arming again moves the deadline (one timer serves
// them all), disarming stops the count, and a shorter deadline than the
// timer's still trips on time.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const codeOf = (guard: RequestGuard) =>
  guard.signal.aborted ? guard.toLaneError(new Error('x'), 'body').code : 'running';

describe('the request guard', () => {
  it('trips idle_timeout only after a whole quiet period, however often it was armed', async () => {
    const guard = new RequestGuard(undefined);
    for (let i = 0; i < 6; i++) {
      guard.arm('idle_timeout', 60);
      await sleep(20);
    }
    expect(codeOf(guard)).toBe('running');
    await sleep(90);
    expect(codeOf(guard)).toBe('idle_timeout');
    guard.dispose();
  });

  it('does not trip while disarmed, and trips on an earlier deadline than its timer', async () => {
    const guard = new RequestGuard(undefined);
    guard.arm('connect_timeout', 10_000);
    guard.disarm();
    guard.arm('idle_timeout', 30);
    await sleep(80);
    expect(codeOf(guard)).toBe('idle_timeout');
    guard.dispose();

    const quiet = new RequestGuard(undefined);
    quiet.arm('idle_timeout', 20);
    quiet.disarm();
    await sleep(60);
    expect(codeOf(quiet)).toBe('running');
    quiet.dispose();
  });

  it('reports the caller giving up as aborted, and stops counting once disposed', async () => {
    const caller = new AbortController();
    const guard = new RequestGuard(caller.signal);
    guard.arm('idle_timeout', 20);
    caller.abort();
    expect(codeOf(guard)).toBe('aborted');
    const disposed = new RequestGuard(undefined);
    disposed.arm('idle_timeout', 20);
    disposed.dispose();
    await sleep(50);
    expect(codeOf(disposed)).toBe('running');
  });
});
