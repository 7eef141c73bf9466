import { describe, expect, it } from 'vitest';
import {
  LogFrameParser,
  LogLineSplitter,
} from '../../../../src-main/core/lanes/managed/log-frames';
import { PullProgressTracker } from '../../../../src-main/core/lanes/managed/pull-progress';

function frame(type: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('container log frames', () => {
  it('splits multiplexed frames across chunk edges into lines per stream', () => {
    const bytes = Buffer.concat([
      frame(1, 'INFO loading wei'),
      frame(2, 'WARN slow disk\n'),
      frame(1, 'ghts\nINFO ready\n'),
    ]);
    const parser = new LogFrameParser();
    const lines = new LogLineSplitter();
    const out: string[] = [];
    for (let i = 0; i < bytes.length; i += 5) {
      for (const parsed of parser.push(bytes.subarray(i, i + 5))) {
        for (const line of lines.push(parsed)) out.push(`${line.stream}:${line.line}`);
      }
    }
    expect(out).toEqual([
      'stderr:WARN slow disk',
      'stdout:INFO loading weights',
      'stdout:INFO ready',
    ]);
    expect(lines.end()).toEqual([]);
  });

  it('keeps a last line without a newline', () => {
    const lines = new LogLineSplitter();
    expect(lines.push({ stream: 'stdout', text: 'no newline' })).toEqual([]);
    expect(lines.end()).toEqual([{ stream: 'stdout', line: 'no newline' }]);
  });
});

describe('pull progress', () => {
  it('folds per-layer events into one picture', () => {
    const tracker = new PullProgressTracker();
    tracker.add({ status: 'Pulling from vllm/vllm-openai-rocm', id: 'v0.17.0' });
    tracker.add({ status: 'Pulling fs layer', id: 'aaaaaaaaaaaa' });
    tracker.add({ status: 'Already exists', id: 'bbbbbbbbbbbb' });
    tracker.add({
      status: 'Downloading',
      id: 'aaaaaaaaaaaa',
      progressDetail: { current: 50, total: 200 },
    });
    expect(tracker.snapshot()).toEqual({
      layers: 2,
      layersDone: 1,
      downloadedBytes: 50,
      totalBytes: 200,
      status: 'aaaaaaaaaaaa: Downloading',
    });
    const done = tracker.add({ status: 'Pull complete', id: 'aaaaaaaaaaaa' });
    expect(done).toMatchObject({ layersDone: 2, downloadedBytes: 200, totalBytes: 200 });
  });
});
