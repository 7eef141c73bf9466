import { History, SearchX } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { ReplayTable } from './ReplayTable';
import { useReplayStore } from './replay-store';

// The list area: loading, a failure, no records at all, no match for the
// filters, or the table with "Load more" while older records remain.

export function ReplayList() {
  const list = useReplayStore((s) => s.list);
  const filtered = useReplayStore((s) => Object.keys(s.filters).length > 0);
  const reload = useReplayStore((s) => s.reload);
  const loadMore = useReplayStore((s) => s.loadMore);
  const clearFilters = useReplayStore((s) => s.clearFilters);

  if (list.status === 'loading') {
    return (
      <p className="muted replay-state" role="status">
        Reading the routing records…
      </p>
    );
  }
  if (list.status === 'error') {
    return (
      <div className="card card--error replay-state" role="alert">
        <h2 className="card__title">The routing records could not be read</h2>
        <p>{list.error.message}</p>
        <button type="button" className="lanes-button" onClick={() => void reload()}>
          Try again
        </button>
      </div>
    );
  }
  if (list.records.length === 0) {
    return filtered ? (
      <EmptyState icon={SearchX} title="No record matches these filters">
        <p>
          <button type="button" className="lanes-button" onClick={clearFilters}>
            Clear the filters
          </button>
        </p>
      </EmptyState>
    ) : (
      <EmptyState icon={History} title="No routing records yet">
        <p>
          Each routed request keeps its full trace: signals, decision, model, lane, timings and cost
          — searchable and exportable, offline.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="replay-list">
      <ReplayTable records={list.records} />
      <div className="replay-more">
        {list.nextCursor ? (
          <button
            type="button"
            className="lanes-button"
            disabled={list.more === 'loading'}
            onClick={() => void loadMore()}
          >
            {list.more === 'loading' ? 'Loading…' : 'Load more'}
          </button>
        ) : (
          <span className="muted">
            {list.records.length === 1 ? '1 record' : `${list.records.length} records`}, the oldest
            last.
          </span>
        )}
        {typeof list.more === 'object' ? (
          <span className="replay-more__error" role="alert">
            {list.more.error.message}
          </span>
        ) : null}
      </div>
    </div>
  );
}
