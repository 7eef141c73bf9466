// Container logs without a TTY come multiplexed: each frame is an 8-byte
// header (stream type, three zero bytes, big-endian payload length) and the
// payload. This splits a byte stream into those frames, across chunk edges.

export type LogStream = 'stdout' | 'stderr';

export interface LogFrame {
  stream: LogStream;
  text: string;
}

export class LogFrameParser {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): LogFrame[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: LogFrame[] = [];
    while (this.buffer.length >= 8) {
      const size = this.buffer.readUInt32BE(4);
      if (this.buffer.length < 8 + size) break;
      const type = this.buffer[0];
      frames.push({
        stream: type === 2 ? 'stderr' : 'stdout',
        text: this.buffer.subarray(8, 8 + size).toString('utf8'),
      });
      this.buffer = this.buffer.subarray(8 + size);
    }
    return frames;
  }
}

/** Frames to whole lines; a line split across frames is joined. */
export class LogLineSplitter {
  private pending: Record<LogStream, string> = { stdout: '', stderr: '' };

  push(frame: LogFrame): { stream: LogStream; line: string }[] {
    const text = this.pending[frame.stream] + frame.text;
    const parts = text.split(/\r?\n/);
    this.pending[frame.stream] = parts.pop() ?? '';
    return parts.map((line) => ({ stream: frame.stream, line }));
  }

  end(): { stream: LogStream; line: string }[] {
    const rest = (['stdout', 'stderr'] as const)
      .filter((stream) => this.pending[stream] !== '')
      .map((stream) => ({ stream, line: this.pending[stream] }));
    this.pending = { stdout: '', stderr: '' };
    return rest;
  }
}
