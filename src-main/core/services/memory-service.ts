import { ApiError } from '../../contract';
import type { MemoryFact } from '../../contract';
import { MemoryError, MemoryStore } from '../privacy/memory-store';
import { appDatabase } from './app-database';
import type { ServiceContext } from './context';

// `memory.list` / `memory.update` / `memory.forget`: the facts the person
// asked Homelane to remember, seen and corrected from the Settings page.

function memoryFailure(error: unknown): never {
  if (error instanceof MemoryError) {
    throw new ApiError(error.code === 'not_found' ? 'not_found' : 'invalid_input', error.message, {
      reason: error.code,
    });
  }
  throw error;
}

export function listMemory(ctx: ServiceContext): { facts: MemoryFact[] } {
  return { facts: new MemoryStore(appDatabase(ctx, 'read')).list() };
}

export function updateMemory(
  ctx: ServiceContext,
  input: { id: number; fact: string },
): { fact: MemoryFact } {
  try {
    return { fact: new MemoryStore(appDatabase(ctx, 'write')).update(input.id, input.fact) };
  } catch (error) {
    return memoryFailure(error);
  }
}

export function forgetMemory(ctx: ServiceContext, input: { id: number }): { id: number } {
  try {
    new MemoryStore(appDatabase(ctx, 'write')).remove(input.id);
    return { id: input.id };
  } catch (error) {
    return memoryFailure(error);
  }
}
