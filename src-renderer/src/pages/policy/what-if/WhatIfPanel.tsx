import { FlaskConical, Play } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import type { ApiErrorData, PolicyFormat } from '../../../../../src-main/contract';
import { useClient } from '../../../api/client-context';
import { FormMessage } from '../../../components/FormMessage';
import { WhatIfChanges } from './WhatIfChanges';
import { WhatIfSummary } from './WhatIfSummary';
import { plural } from '../policy-format';
import { problemsOf } from './what-if-format';
import { useWhatIfStore } from './what-if-store';
import './what-if.css';

// What if this edit were in force? The stored requests are routed again
// under it (nothing is sent, recorded or applied) and the panel shows what
// would change: the counts, the cost and the requests themselves.

function WhatIfError({ error }: { error: ApiErrorData }) {
  const problems = problemsOf(error);
  if (problems.length === 0) {
    return <FormMessage tone="error">Could not run the what-if: {error.message}</FormMessage>;
  }
  return (
    <div className="whatif-problems" data-testid="whatif-problems">
      <FormMessage tone="error">
        The edit has {plural(problems.length, 'problem')}: fix{' '}
        {problems.length === 1 ? 'it' : 'them'} to see what it would change.
      </FormMessage>
      <ul>
        {problems.slice(0, 8).map((p, index) => (
          <li key={`${p.line}:${p.column}:${index}`}>
            <code>
              {p.line}:{p.column}
            </code>{' '}
            {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Loading() {
  return (
    <div className="whatif-loading" aria-busy="true" data-testid="whatif-loading">
      <p className="muted">Routing the stored requests again under the edit…</p>
      <div className="whatif-summary" aria-hidden="true">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="whatif-card whatif-card--skeleton" />
        ))}
      </div>
    </div>
  );
}

export function WhatIfPanel({ text, format }: { text: string; format: PolicyFormat }) {
  const client = useClient();
  const { state, limit, against } = useWhatIfStore(
    useShallow((s) => ({ state: s.state, limit: s.limit, against: s.against })),
  );
  const empty = text.trim() === '';
  const stale =
    against !== null &&
    (against.text !== text || against.format !== format || against.limit !== limit);
  const run = () => void useWhatIfStore.getState().run(client, { text, format });

  return (
    <div className="policy-panel whatif" data-testid="whatif-panel" data-state={state.status}>
      <div className="policy-panel__head">
        <p className="policy-panel__lead">
          <FlaskConical size={14} aria-hidden="true" />
          {state.status === 'done'
            ? state.data.considered === 0
              ? 'There are no stored requests to route again yet.'
              : `${plural(state.data.considered, 'stored request')} routed again under the edited ${format === 'dsl' ? 'DSL' : 'YAML'} in ${Math.round(state.data.durationMs)} ms; nothing was sent or recorded.`
            : 'Route the newest stored requests again under this edit and see what would change. Nothing is sent, recorded or applied.'}
        </p>
        {stale && state.status === 'done' ? (
          <span className="badge whatif-badge whatif-badge--stale">The edit changed since</span>
        ) : null}
        <label className="whatif-limit">
          <span>Newest</span>
          <input
            type="number"
            min={1}
            max={5000}
            step={100}
            value={limit}
            onChange={(event) => useWhatIfStore.getState().setLimit(Number(event.target.value))}
            data-testid="whatif-limit"
            aria-label="How many of the newest stored requests to route again"
          />
          <span>requests</span>
        </label>
        <button
          type="button"
          className="lanes-button lanes-button--small"
          disabled={empty || state.status === 'loading'}
          onClick={run}
          data-testid="whatif-run"
        >
          <Play size={13} aria-hidden="true" />
          {state.status === 'idle' ? 'Run what-if' : 'Run again'}
        </button>
      </div>
      {empty ? <p className="muted">Write or import a policy first.</p> : null}
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <WhatIfError error={state.error} /> : null}
      {state.status === 'done' && state.data.considered > 0 ? (
        <>
          <WhatIfSummary data={state.data} />
          {state.data.changes.length > 0 ? (
            <WhatIfChanges changes={state.data.changes} more={state.data.changesTruncated} />
          ) : (
            <p className="whatif-none" data-testid="whatif-no-changes">
              No stored request would be routed differently.
            </p>
          )}
        </>
      ) : null}
      {state.status === 'done' && state.data.considered === 0 ? (
        <p className="muted" data-testid="whatif-no-records">
          Requests are kept as they are routed (chat, the OpenAI-compatible endpoint); run the
          what-if again once there are some.
        </p>
      ) : null}
    </div>
  );
}
