import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../src-main/core/server/create-server';
import type { ServiceContext } from '../../src-main/core/services/context';
import { createServiceContext } from '../../src-main/core/services/create-context';
import { createHandlers } from '../../src-main/core/services/handlers';
import type { ServiceHandlers } from '../../src-main/core/services/handlers';
import { makeTempDir } from './temp-dir';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  dataDir: string;
  rendererDir: string;
  context: ServiceContext;
  close(): Promise<void>;
}

/**
 * The real HTTP server on a free loopback port, with a data folder and a
 * minimal built renderer of its own (unless `withRenderer` is false).
 */
export async function startTestServer(
  options: {
    withRenderer?: boolean;
    handlers?: ServiceHandlers;
    /** Runs on the empty data folder before the app starts (to seed lanes.json, say). */
    prepare?: (dataDir: string) => void;
  } = {},
): Promise<RunningServer> {
  const temp = makeTempDir();
  const dataDir = join(temp.dir, 'data');
  const rendererDir = join(temp.dir, 'renderer');
  mkdirSync(dataDir);
  if (options.withRenderer !== false) {
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>test renderer</title>');
  }
  options.prepare?.(dataDir);
  const context = await createServiceContext({ runtime: 'server', dataDir });
  const handlers = options.handlers ?? createHandlers(context);
  const app = await createServer({ handlers, rendererDir, events: context.events });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    dataDir,
    rendererDir,
    context,
    close: async () => {
      context.lanes?.stop();
      await app.close();
      temp.cleanup();
    },
  };
}
