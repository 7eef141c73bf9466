import type Database from 'better-sqlite3';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { aggregateRecords } from '../insights/aggregate';
import { RecordStore, RecordStoreError } from '../replay/record-store';
import type { ServiceContext } from '../services/context';
import { describeZodError, sendApiError, useApiErrors } from './eval-error';
import { aggregateFilters, insightsQuery, recordFilters, replayListQuery } from './replay-query';

// The stored routing records over HTTP, for the web dashboard and scripts:
//   GET /api/v1/replay            newest first, filtered, a page at a time
//                                 ({ records, next_cursor }; pass the cursor back for the next page)
//   GET /api/v1/replay/:id        one record
//   GET /api/v1/insights          counts, spend, savings and tokens over the filtered records
// They read the app's database; nothing here writes.

export const REPLAY_PATH = '/api/v1/replay';
export const INSIGHTS_PATH = '/api/v1/insights';

type Query = Record<string, unknown>;

export async function registerReplayRoutes(
  app: FastifyInstance,
  context: ServiceContext | undefined,
): Promise<void> {
  const stores = new WeakMap<Database.Database, RecordStore>();

  /** The app's database while it is open. */
  const openDatabase = (): Database.Database | null => {
    const db = context?.chat?.database;
    return db?.open ? db : null;
  };
  const unavailable = (reply: FastifyReply): FastifyReply => {
    const problem = context?.database.problem?.message;
    return sendApiError(
      reply,
      503,
      'DATABASE_UNAVAILABLE',
      problem
        ? `The routing records cannot be read: ${problem}`
        : 'The routing records cannot be read: no database is open (no routing profile is loaded, or the app is shutting down).',
    );
  };
  const storeOf = (db: Database.Database): RecordStore => {
    let store = stores.get(db);
    if (!store) {
      store = RecordStore.of(db);
      stores.set(db, store);
    }
    return store;
  };

  await app.register(async (scope) => {
    useApiErrors(scope);

    scope.get<{ Querystring: Query }>(REPLAY_PATH, async (request, reply) => {
      const parsed = replayListQuery.safeParse(request.query);
      if (!parsed.success) return badQuery(reply, parsed.error);
      const db = openDatabase();
      if (!db) return unavailable(reply);
      const { limit, cursor } = parsed.data;
      try {
        return storeOf(db).list(recordFilters(parsed.data), {
          ...(limit !== undefined ? { limit } : {}),
          ...(cursor !== undefined ? { cursor } : {}),
        });
      } catch (error) {
        if (error instanceof RecordStoreError && error.code === 'bad_cursor')
          return sendApiError(reply, 400, 'INVALID_INPUT', error.message, 'cursor');
        throw error;
      }
    });

    scope.get<{ Params: { id: string } }>(`${REPLAY_PATH}/:id`, async (request, reply) => {
      const db = openDatabase();
      if (!db) return unavailable(reply);
      const record = storeOf(db).get(request.params.id);
      if (!record) {
        return sendApiError(
          reply,
          404,
          'NOT_FOUND',
          `There is no routing record "${request.params.id}".`,
          'id',
        );
      }
      return record;
    });

    scope.get<{ Querystring: Query }>(INSIGHTS_PATH, async (request, reply) => {
      const parsed = insightsQuery.safeParse(request.query);
      if (!parsed.success) return badQuery(reply, parsed.error);
      const db = openDatabase();
      if (!db) return unavailable(reply);
      return aggregateRecords(db, aggregateFilters(parsed.data));
    });
  });
}

function badQuery(
  reply: FastifyReply,
  error: Parameters<typeof describeZodError>[0],
): FastifyReply {
  const { message, param } = describeZodError(error, 'query parameter');
  return sendApiError(reply, 400, 'INVALID_INPUT', message, param);
}
