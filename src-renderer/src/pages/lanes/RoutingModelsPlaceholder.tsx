import type { ListState } from './model-downloads-store';

/** What stands for the routing models while they are listed, or when they could not be. */
export function RoutingModelsPlaceholder({
  state,
}: {
  state: Exclude<ListState, { status: 'ready' }>;
}) {
  if (state.status === 'loading') return <div className="card muted">Loading routing models…</div>;
  return (
    <div className="card card--error" role="alert">
      <h2 className="card__title">Routing models could not be listed</h2>
      <p>{state.error.message}</p>
    </div>
  );
}
