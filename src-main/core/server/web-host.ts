import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '../logger';

const log = createLogger('web-host');

/**
 * Serves the built renderer as a web app. When the build is missing the
 * root answers 503 with a hint rather than a bare 404.
 */
export async function registerWebHost(app: FastifyInstance, rendererDir: string): Promise<boolean> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    log.warn({ rendererDir }, 'web UI not built; the dashboard is unavailable');
    app.get('/', async (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The Homelane web UI is not built. Run `npm run build`, then start the server again.\n',
        ),
    );
    return false;
  }
  // The build is fixed while the server runs: register its files by name so
  // unknown paths (e.g. a GET on an API route) fall through to the 404 handlers.
  await app.register(fastifyStatic, { root: rendererDir, index: ['index.html'], wildcard: false });
  return true;
}
