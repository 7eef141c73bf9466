import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createLogger } from '../logger';
import type { ServiceContext } from '../services/context';
import type { EventBus } from '../services/event-bus';
import type { ServiceHandlers } from '../services/handlers';
import { APP_VERSION } from '../version';
import { markRoutesPublic } from './auth';
import { registerEvalRoutes } from './eval-routes';
import { registerEventRoutes } from './event-routes';
import { registerOpenAiRoutes } from './openai-routes';
import { registerReadyRoute } from './ready-route';
import { registerReplayRoutes } from './replay-routes';
import { registerRpcRoutes } from './rpc-routes';
import { fastifySafetyOptions, registerSafety, resolveSafety } from './safety';
import type { ServerSafety } from './safety';
import { registerSecurityHeaders } from './security-headers';
import { registerWebHost } from './web-host';

export interface ServerOptions {
  handlers: ServiceHandlers;
  /** Folder of the built renderer (out/renderer); served as the web dashboard. */
  rendererDir: string;
  /** The core's pushed events, streamed at GET /api/events. */
  events?: EventBus;
  /** The running app's services: the eval, replay and insights routes read them. */
  context?: ServiceContext;
  /** Token, CORS origins, limits and timeouts (loopback defaults when absent). */
  safety?: ServerSafety;
}

/**
 * Builds the HTTP app: health and readiness, the OpenAI-compatible routes,
 * eval, replay and insights, the HomelaneApi transport and the web dashboard.
 */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = createLogger('server');
  const safety = resolveSafety(options.safety);
  const app = Fastify({
    loggerInstance: logger,
    // Requests are not logged one by one; errors are.
    logController: new LogController({ disableRequestLogging: true }),
    ...fastifySafetyOptions(safety),
    // app.close() does not wait for open connections: an event stream stays open
    // as long as its page does, and keep-alive sockets as long as their client.
    // (closeGracefully in ./shutdown lets requests in flight finish first).
    forceCloseConnections: true,
  });
  registerSecurityHeaders(app);
  // Before any route or scope, so that all of them inherit the checks.
  registerSafety(app, safety);
  app.get('/health', async () => ({ status: 'ok', version: APP_VERSION }));
  await registerRpcRoutes(app, options.handlers);
  if (options.events) registerEventRoutes(app, options.events);
  await registerEvalRoutes(app, options.context);
  await registerReplayRoutes(app, options.context);
  registerReadyRoute(app, options.context);
  const context = options.context;
  if (context) {
    const lanes = context.lanes;
    registerOpenAiRoutes(app, {
      routing: context.routing,
      laneSet: lanes ? () => lanes.laneSet() : null,
      // A read-only (damaged or locked) database takes no records: nothing is routed then.
      database: () => (context.database.state === 'ok' ? (context.chat?.database ?? null) : null),
      // Read per request: Settings can change it while the server runs.
      get cloudEscalation() {
        return context.cloudEscalation;
      },
    });
  }
  // The dashboard's files are open without a token; every other route is not.
  await app.register(async (scope) => {
    markRoutesPublic(scope);
    await registerWebHost(scope, options.rendererDir);
  });
  return app;
}
