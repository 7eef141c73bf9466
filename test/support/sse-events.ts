import { SseParser } from '../../src-main/core/lanes/sse-stream';

// The app's pushed events as a test reads them: GET /api/events, parsed as
// server-sent events, while the test acts.

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Listens on `<baseUrl>/api/events`, runs `whileOpen`, and reads events until
 * `until` is satisfied by those seen (or the stream ends); then stops listening.
 */
export async function readEventsUntil(
  baseUrl: string,
  until: (events: SseEvent[]) => boolean,
  whileOpen: () => Promise<void>,
): Promise<SseEvent[]> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/events`, { signal: controller.signal });
  const type = response.headers.get('content-type') ?? '';
  if (!response.body || !type.startsWith('text/event-stream'))
    throw new Error(`not an event stream: ${response.status} ${type}`);
  const reader = response.body.getReader();
  const parser = new SseParser();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  const acting = whileOpen();
  try {
    while (!until(events)) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const event of parser.push(decoder.decode(value, { stream: true })))
        events.push({ event: event.event ?? 'message', data: event.data });
    }
  } finally {
    controller.abort();
  }
  await acting;
  return events;
}
