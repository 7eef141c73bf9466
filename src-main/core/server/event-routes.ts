import type { FastifyInstance } from 'fastify';
import type { EventBus } from '../services/event-bus';
import { endOnShutdown } from './shutdown';

/** Where a browser listens for the core's pushed events. */
export const EVENTS_PATH = '/api/events';

const KEEP_ALIVE_MS = 15_000;

/**
 * Server-sent events: `event:` is the contract's event name, `data:` its
 * payload as one line of JSON. A comment every 15 s keeps idle proxies and
 * the browser from closing the stream.
 */
export function registerEventRoutes(app: FastifyInstance, events: EventBus): void {
  app.get(EVENTS_PATH, (_request, reply) => {
    reply.hijack();
    const response = reply.raw;
    // Headers the request hooks set (CORS for an allowed origin) survive the hijack.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) response.setHeader(name, value);
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    response.write(': homelane events\n\n');
    const unsubscribe = events.subscribe((envelope) => {
      response.write(`event: ${envelope.name}\ndata: ${JSON.stringify(envelope.payload)}\n\n`);
    });
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    keepAlive.unref();
    // The stream never ends by itself: a graceful shutdown ends it first.
    let forgetOnShutdown = (): void => undefined;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(keepAlive);
      unsubscribe();
      forgetOnShutdown();
      response.end();
    };
    forgetOnShutdown = endOnShutdown(app, end);
    // The response's close, not the request's: a GET's request side closes as soon as it is read.
    response.once('close', end);
  });
}
