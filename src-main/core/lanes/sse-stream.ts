// A small Server-Sent Events parser (the WHATWG event-stream rules that
// matter to OpenAI-compatible servers): lines end in LF, CRLF or CR, and a
// chunk may end anywhere, even between CR and LF; `:` lines are comments;
// several `data:` lines join with LF; a blank line dispatches the event.

export interface SseEvent {
  event?: string;
  data: string;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event: string | undefined;

  /** Feeds decoded text; returns the events it completed. */
  push(text: string): SseEvent[] {
    this.buffer += text;
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const lf = this.buffer.indexOf('\n', start);
      const cr = this.buffer.indexOf('\r', start);
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      if (end === -1) break;
      // A CR as the last character may be the first half of a CRLF: wait.
      if (end === cr && cr === this.buffer.length - 1) break;
      const skip = end === cr && this.buffer[cr + 1] === '\n' ? 2 : 1;
      this.line(this.buffer.slice(start, end), events);
      start = end + skip;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /**
   * The stream closed. Unlike a browser we also dispatch a last event that
   * lacked its blank line: some servers close right after `data: [DONE]`.
   */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    const rest = this.buffer.replace(/\r$/, '');
    this.buffer = '';
    if (rest !== '') this.line(rest, events);
    this.line('', events);
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.data.length > 0) {
        events.push(
          this.event === undefined
            ? { data: this.data.join('\n') }
            : { event: this.event, data: this.data.join('\n') },
        );
      }
      this.data = [];
      this.event = undefined;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
  }
}
