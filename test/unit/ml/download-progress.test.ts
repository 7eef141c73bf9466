import { describe, expect, it } from 'vitest';
import { ProgressTracker } from '../../../src-main/core/ml/download/download-progress';
import type { PullProgress } from '../../../src-main/core/ml/download/download-progress';
import type { PullEvent } from '../../../src-main/core/ml/download/pull-events';
import {
  createPullReporter,
  formatBytes,
  formatDuration,
  progressBarLine,
} from '../../../src-main/core/cli/pull-progress';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('ProgressTracker', () => {
  it('measures the rate over a sliding window and the ETA at that rate', () => {
    const time = clock();
    const tracker = new ProgressTracker(10_000, time.now, 1_000);
    tracker.startFile('a', 10_000);
    tracker.markTransferStart();
    expect(tracker.snapshot().rateBytesPerSec).toBeNull();
    for (let i = 0; i < 10; i++) {
      time.advance(100);
      tracker.transfer(100); // 1000 B/s
    }
    let snap = tracker.snapshot();
    expect(snap.rateBytesPerSec).toBeCloseTo(1000, 5);
    expect(snap.overall).toEqual({ done: 1000, total: 10_000 });
    expect(snap.etaSeconds).toBeCloseTo(9, 5);

    // Ten times faster: after a window the old pace no longer counts.
    for (let i = 0; i < 20; i++) {
      time.advance(100);
      tracker.transfer(1000);
    }
    snap = tracker.snapshot();
    expect(snap.rateBytesPerSec).toBeGreaterThan(9_000);
    expect(snap.rateBytesPerSec).toBeLessThanOrEqual(10_000);
  });

  it('counts bytes already on disk as done but not towards the rate', () => {
    const time = clock();
    const tracker = new ProgressTracker(2_000, time.now);
    tracker.startFile('a', 2_000);
    tracker.alreadyHave(1_500);
    tracker.markTransferStart();
    time.advance(500);
    tracker.transfer(250);
    const snap = tracker.snapshot();
    expect(snap.file).toEqual({ path: 'a', done: 1_750, total: 2_000 });
    expect(snap.rateBytesPerSec).toBeCloseTo(500, 5);
    expect(snap.etaSeconds).toBeCloseTo(0.5, 5);
  });

  it('takes a restarted file back to zero', () => {
    const tracker = new ProgressTracker(1_000, clock().now);
    tracker.startFile('b', 1_000);
    tracker.alreadyHave(600);
    tracker.restartFile();
    expect(tracker.snapshot().overall.done).toBe(0);
  });
});

const snapshot = (done: number, total: number): PullProgress => ({
  file: { path: 'onnx/model.onnx', done, total },
  overall: { done, total },
  rateBytesPerSec: 2_500_000,
  etaSeconds: (total - done) / 2_500_000,
});
const progress = (done: number, total: number): PullEvent => ({
  type: 'progress',
  progress: snapshot(done, total),
});

describe('pull progress on stderr', () => {
  it('formats sizes and durations the way people read them', () => {
    expect(formatBytes(950)).toBe('950 B');
    expect(formatBytes(1_234_567)).toBe('1.23 MB');
    expect(formatBytes(1_250_000_000)).toBe('1.25 GB');
    expect(formatDuration(59)).toBe('0:59');
    expect(formatDuration(3_725)).toBe('1:02:05');
    expect(progressBarLine(snapshot(500_000, 1_000_000))).toBe(
      '[############------------]  50%  500 kB / 1.00 MB  2.50 MB/s  ETA 0:00  onnx/model.onnx',
    );
  });

  it('redraws one line with \\r on a terminal', () => {
    const time = clock();
    let out = '';
    const reporter = createPullReporter((t) => (out += t), { tty: true, now: time.now });
    reporter.onEvent({ type: 'file-start', path: 'onnx/model.onnx', size: 1_000_000 });
    for (const done of [100_000, 600_000, 1_000_000]) {
      time.advance(200);
      reporter.onEvent(progress(done, 1_000_000));
    }
    reporter.onEvent({ type: 'installed', id: 'pii', dir: '/d/models/pii', replaced: false });
    const lines = out.split('\n');
    expect(lines[0]?.split('\r').filter((l) => l.includes('%'))).toHaveLength(4);
    expect(lines[0]).toContain('100%');
    expect(lines[1]).toBe('installed pii in /d/models/pii');
  });

  it('prints plain lines, without \\r, when stderr is not a terminal', () => {
    const time = clock();
    let out = '';
    const reporter = createPullReporter((t) => (out += t), { tty: false, now: time.now });
    reporter.onEvent({ type: 'file-start', path: 'onnx/model.onnx', size: 1_000_000 });
    reporter.onEvent(progress(100_000, 1_000_000));
    time.advance(1_000);
    reporter.onEvent(progress(200_000, 1_000_000)); // too soon for another line
    time.advance(5_000);
    reporter.onEvent(progress(700_000, 1_000_000));
    reporter.onEvent({
      type: 'file-done',
      path: 'onnx/model.onnx',
      size: 1_000_000,
      sha256: 'x',
      verified: 'sha256',
      reused: false,
    });
    expect(out).not.toContain('\r');
    expect(out.split('\n').filter(Boolean)).toEqual([
      '  onnx/model.onnx (1.00 MB)',
      '  10%  100 kB of 1.00 MB  2.50 MB/s  ETA 0:00  (onnx/model.onnx)',
      '  70%  700 kB of 1.00 MB  2.50 MB/s  ETA 0:00  (onnx/model.onnx)',
      '  done onnx/model.onnx (sha256 verified)',
    ]);
  });
});
