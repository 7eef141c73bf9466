import type { Insights, InsightsGetInput } from '../../contract';
import { aggregateRecords } from '../insights/aggregate';
import type { AggregateFilters } from '../insights/aggregate';
import type { ServiceContext } from './context';
import { checkTimeRange, openRecordsDatabase } from './replay-list-service';

// The Insights page's numbers: the aggregate GET /api/v1/insights serves,
// over the records created in the chosen time range. Reads only.

export function getInsights(ctx: ServiceContext, input: InsightsGetInput): Insights {
  checkTimeRange(input.from, input.to);
  const filters: AggregateFilters = {};
  if (input.from !== undefined) filters.from = input.from;
  if (input.to !== undefined) filters.to = input.to;
  return aggregateRecords(openRecordsDatabase(ctx), filters);
}
