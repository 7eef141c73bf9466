import type { FastifyInstance } from 'fastify';
import { sendRouteError } from './route-errors';

/** How long requests in flight may take to finish once shutdown starts. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

interface DrainState {
  draining: boolean;
  inFlight: number;
  /** Ends an open stream that would never finish by itself (server-sent events). */
  closers: Set<() => void>;
  /** Set while a graceful close waits: resolves it. */
  settle: ((finished: boolean) => void) | undefined;
}

const drains = new WeakMap<object, DrainState>();

/** The drain state of `app` or of the app it is a plugin scope of. */
function drainOf(app: FastifyInstance): DrainState | undefined {
  for (let o: object | null = app; o; o = Object.getPrototypeOf(o) as object | null) {
    const state = drains.get(o);
    if (state) return state;
  }
  return undefined;
}

/**
 * Counts the requests in flight, and once a graceful close began answers new
 * ones (on connections already open) with 503 and `Connection: close`.
 */
export function registerDrain(app: FastifyInstance): void {
  const state: DrainState = { draining: false, inFlight: 0, closers: new Set(), settle: undefined };
  drains.set(app, state);
  app.addHook('onRequest', async (request, reply) => {
    if (state.draining) {
      reply.header('Connection', 'close');
      return sendRouteError(request, reply, {
        status: 503,
        message: 'This Homelane server is shutting down.',
        code: 'unavailable',
        openAiType: 'service_unavailable',
        reason: 'shutting_down',
      });
    }
    state.inFlight++;
    reply.raw.once('close', () => {
      state.inFlight--;
      if (state.inFlight === 0) state.settle?.(true);
    });
    return undefined;
  });
}

/**
 * Registers `close` to end a long-lived stream when shutdown begins; returns
 * the function that unregisters it (call it when the stream ends by itself).
 */
export function endOnShutdown(app: FastifyInstance, close: () => void): () => void {
  const state = drainOf(app);
  if (!state) return () => undefined;
  state.closers.add(close);
  return () => state.closers.delete(close);
}

/** Requests still in flight (0 when the app does not track them). */
export function inFlightRequests(app: FastifyInstance): number {
  return drainOf(app)?.inFlight ?? 0;
}

/**
 * Stops accepting connections, ends the event streams, lets the requests in
 * flight (streamed replies included) finish for up to `graceMs`, then closes
 * whatever is left. `forced` tells whether anything had to be cut off.
 */
export async function closeGracefully(
  app: FastifyInstance,
  graceMs: number = DEFAULT_SHUTDOWN_GRACE_MS,
): Promise<{ forced: boolean }> {
  const state = drainOf(app);
  if (!state || state.draining) {
    await app.close();
    return { forced: false };
  }
  state.draining = true;
  // New connections are refused from here on; idle keep-alive ones close now.
  if (app.server.listening) app.server.close();
  for (const close of [...state.closers]) close();
  const finished =
    state.inFlight === 0 ||
    (await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), graceMs);
      state.settle = (done) => {
        clearTimeout(timer);
        resolve(done);
      };
    }));
  state.settle = undefined;
  await app.close();
  return { forced: !finished };
}

/** Cuts a graceful close short (a second Ctrl-C): what is in flight is closed now. */
export function interruptGracefulClose(app: FastifyInstance): void {
  drainOf(app)?.settle?.(false);
}
