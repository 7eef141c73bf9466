import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createLogger } from '../logger';
import type { EventBus } from '../services/event-bus';
import type { ServiceHandlers } from '../services/handlers';
import { APP_VERSION } from '../version';
import { registerEventRoutes } from './event-routes';
import { registerRpcRoutes } from './rpc-routes';
import { registerSecurityHeaders } from './security-headers';
import { registerWebHost } from './web-host';

export interface ServerOptions {
  handlers: ServiceHandlers;
  /** Folder of the built renderer (out/renderer); served as the web dashboard. */
  rendererDir: string;
  /** The core's pushed events, streamed at GET /api/events. */
  events?: EventBus;
}

/** Builds the HTTP app: health, the HomelaneApi transport and the web dashboard. */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = createLogger('server');
  const app = Fastify({
    loggerInstance: logger,
    // Requests are not logged one by one; errors are.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 10 * 1024 * 1024,
    // Shutdown does not wait for open connections: an event stream stays open
    // as long as its page does, and keep-alive sockets as long as their client.
    forceCloseConnections: true,
  });
  registerSecurityHeaders(app);
  app.get('/health', async () => ({ status: 'ok', version: APP_VERSION }));
  await registerRpcRoutes(app, options.handlers);
  if (options.events) registerEventRoutes(app, options.events);
  await registerWebHost(app, options.rendererDir);
  return app;
}
