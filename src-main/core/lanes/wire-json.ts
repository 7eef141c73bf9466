import type { z } from 'zod';
import { LaneError } from './lane-errors';

// Reading a server's JSON for any wire format: text that is not JSON, or JSON
// of the wrong shape, becomes an `invalid_response` LaneError.

export function parseJson(raw: string, what: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch (cause) {
    throw new LaneError('invalid_response', `${what} is not JSON: ${raw.slice(0, 200)}`, {
      cause,
    });
  }
}

export function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new LaneError('invalid_response', `${what} has an unexpected shape`, {
      cause: result.error,
    });
  }
  return result.data;
}
