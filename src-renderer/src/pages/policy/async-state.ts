import type { ApiErrorData, Result } from '../../../../src-main/contract';

/** A call the page made and what it answered. */
export type AsyncState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; data: T }
  | { status: 'error'; error: ApiErrorData };

export const IDLE = { status: 'idle' } as const;
export const LOADING = { status: 'loading' } as const;

export function settled<T>(result: Result<T>): AsyncState<T> {
  return result.ok
    ? { status: 'done', data: result.data }
    : { status: 'error', error: result.error };
}
