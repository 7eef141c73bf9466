import { join } from 'node:path';
import { createServer } from '../../src-main/core/server/create-server';
import type { ServerSafety } from '../../src-main/core/server/safety';
import type { ServiceContext } from '../../src-main/core/services/context';
import type { ContextOptions } from '../../src-main/core/services/create-context';
import {
  closeServiceContext,
  createServiceContext,
} from '../../src-main/core/services/create-context';
import { createHandlers } from '../../src-main/core/services/handlers';

export interface AppServer {
  context: ServiceContext;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

/**
 * A running app wired as `homelane serve` wires it — the service context
 * (profile, lanes, chat, database in `dataDir`) and the HTTP server with
 * every route — listening on a free loopback port.
 */
export async function startAppServer(
  options: Omit<ContextOptions, 'runtime'> & { safety?: ServerSafety },
): Promise<AppServer> {
  const { safety, ...contextOptions } = options;
  const context = await createServiceContext({ runtime: 'server', ...contextOptions });
  const app = await createServer({
    handlers: createHandlers(context),
    rendererDir: join(options.dataDir, 'no-renderer'),
    events: context.events,
    context,
    ...(safety ? { safety } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return {
    context,
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await closeServiceContext(context);
    },
  };
}
