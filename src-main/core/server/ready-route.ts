import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../services/context';

// GET /ready: whether this server can route requests now — a profile with
// its router built, and a database it can write. /health only says the
// process answers; /ready is what a load balancer or a supervisor waits for.

export function registerReadyRoute(
  app: FastifyInstance,
  context: ServiceContext | undefined,
): void {
  app.get('/ready', async (_request, reply) => {
    const problems: string[] = [];
    if (!context?.routing) problems.push('no routing profile is loaded');
    else {
      try {
        await context.routing.withRouter(() => Promise.resolve());
      } catch (error) {
        problems.push(`the router could not be built: ${(error as Error).message}`);
      }
    }
    const database = context?.database.state ?? 'not_opened';
    if (database !== 'ok') problems.push(`the database is ${database.replace('_', '-')}`);
    return reply
      .code(problems.length === 0 ? 200 : 503)
      .send({ ready: problems.length === 0, problems });
  });
}
