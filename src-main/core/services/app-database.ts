import type Database from 'better-sqlite3';
import { ApiError } from '../../contract';
import type { ServiceContext } from './context';

// The app's database as the settings and memory services use it: the chat
// service's connection (one for the app's life). Reading works on a damaged
// or locked database opened read-only; writing needs a writable one.

export function appDatabase(ctx: ServiceContext, use: 'read' | 'write'): Database.Database {
  const db = ctx.chat?.database;
  if (!db || ctx.database.state === 'unavailable' || ctx.database.state === 'not_opened') {
    throw new ApiError(
      'unavailable',
      ctx.database.problem
        ? `The database cannot be used: ${ctx.database.problem.message}`
        : 'No database is open in this process (no routing profile is loaded).',
      { reason: 'no_database' },
    );
  }
  if (use === 'write' && ctx.database.state === 'read_only') {
    throw new ApiError(
      'unavailable',
      `The database was opened read-only${ctx.database.problem ? ` (${ctx.database.problem.message})` : ''}, so nothing can be saved.`,
      { reason: 'read_only' },
    );
  }
  return db;
}

/** Where settings can be saved, for the Settings page. */
export function storageState(ctx: ServiceContext): 'ok' | 'read_only' | 'unavailable' {
  if (!ctx.chat) return 'unavailable';
  if (ctx.database.state === 'ok') return 'ok';
  return ctx.database.state === 'read_only' ? 'read_only' : 'unavailable';
}
