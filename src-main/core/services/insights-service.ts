import type { Insights, InsightsGetInput } from '../../contract';
import { ApiError } from '../../contract';
import { aggregateRecords } from '../insights/aggregate';
import type { AggregateFilters } from '../insights/aggregate';
import type { ServiceContext } from './context';
import { openRecordsDatabase } from './replay-list-service';

// The Insights page's numbers: the aggregate GET /api/v1/insights serves,
// over the records created in the chosen time range. Reads only.

export function getInsights(ctx: ServiceContext, input: InsightsGetInput): Insights {
  const filters: AggregateFilters = {};
  if (input.from !== undefined) filters.from = input.from;
  if (input.to !== undefined) filters.to = input.to;
  if (
    filters.from !== undefined &&
    filters.to !== undefined &&
    Date.parse(filters.from) > Date.parse(filters.to)
  )
    throw new ApiError('invalid_input', 'The end of the time range comes before its start.');
  return aggregateRecords(openRecordsDatabase(ctx), filters);
}
