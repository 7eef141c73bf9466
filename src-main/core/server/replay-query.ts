import { z } from 'zod';
import type { AggregateFilters } from '../insights/aggregate';
import type { RecordFilters } from '../replay/record-store';

// The query parameters of the replay and insights routes. Every value is a
// single string; a parameter the route does not know is refused, so a typo
// never silently widens a filter.

export const MAX_PAGE = 500;

const name = (what: string) =>
  z.string({ error: `give one ${what}` }).min(1, { error: `give a ${what}, not an empty value` });

const isoTime = z.iso.datetime({
  offset: true,
  error: 'use an ISO 8601 date and time, such as 2026-11-25T10:00:00Z',
});

const timeBounds = {
  from: isoTime.optional(),
  to: isoTime.optional(),
};

/** `to` must not come before `from` (both inclusive). */
function inOrder(value: { from?: string | undefined; to?: string | undefined }): boolean {
  return (
    value.from === undefined ||
    value.to === undefined ||
    Date.parse(value.from) <= Date.parse(value.to)
  );
}
const ORDER_PROBLEM = { error: 'comes before from', path: ['to'] };

export const replayListQuery = z
  .strictObject({
    text: name('search text').optional(),
    decision: name('decision name').optional(),
    model: name('model alias').optional(),
    lane: name('lane id').optional(),
    locality: z.enum(['local', 'lan', 'cloud'], { error: 'is local, lan or cloud' }).optional(),
    private: z
      .enum(['true', 'false'], { error: 'is true or false' })
      .transform((value) => value === 'true')
      .optional(),
    status: z
      .enum(['in_progress', 'completed', 'failed', 'aborted'], {
        error: 'is in_progress, completed, failed or aborted',
      })
      .optional(),
    conversation: name('conversation id').optional(),
    ...timeBounds,
    limit: z
      .string({ error: `give one whole number from 1 to ${MAX_PAGE}` })
      .regex(/^\d{1,6}$/, { error: `is a whole number from 1 to ${MAX_PAGE}` })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, { error: `is a whole number from 1 to ${MAX_PAGE}` })
          .max(MAX_PAGE, { error: `is a whole number from 1 to ${MAX_PAGE}` }),
      )
      .optional(),
    cursor: name('cursor').optional(),
  })
  .refine(inOrder, ORDER_PROBLEM);

export const insightsQuery = z
  .strictObject({
    decision: name('decision name').optional(),
    model: name('model alias').optional(),
    ...timeBounds,
  })
  .refine(inOrder, ORDER_PROBLEM);

export type ReplayListQuery = z.infer<typeof replayListQuery>;

/** The store filters of a parsed list query (without the paging parameters). */
export function recordFilters(query: ReplayListQuery): RecordFilters {
  const { limit: _limit, cursor: _cursor, ...filters } = query;
  return dropUndefined(filters);
}

export function aggregateFilters(query: z.infer<typeof insightsQuery>): AggregateFilters {
  return dropUndefined(query);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
