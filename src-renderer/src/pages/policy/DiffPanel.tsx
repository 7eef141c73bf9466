import { RefreshCw } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import type { DecisionChange } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { FormMessage } from '../../components/FormMessage';
import { UnifiedDiff } from './UnifiedDiff';
import { useDiffStore } from './diff-store';
import { plural } from './policy-format';
import { editedOf, usePolicyStore } from './policy-store';

function DecisionChanges({ decisions }: { decisions: DecisionChange[] }) {
  if (decisions.length === 0) {
    return <p className="muted">No decision is added, removed or changed.</p>;
  }
  return (
    <ul className="policy-decisions" data-testid="policy-diff-decisions">
      {decisions.map((d) => (
        <li key={`${d.change}:${d.name}`} data-change={d.change}>
          <span className={`policy-change policy-change--${d.change}`}>{d.change}</span>
          <code>{d.name}</code>
          {d.fields.length > 0 ? <span className="muted">{d.fields.join(', ')}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The edit against the policy in force: the decisions that change and the YAML, line by line. */
export function DiffPanel() {
  const client = useClient();
  const { state, against } = useDiffStore(
    useShallow((s) => ({ state: s.state, against: s.against })),
  );
  const edited = usePolicyStore(useShallow(editedOf));
  const stale =
    against !== null && (against.text !== edited.text || against.format !== edited.format);
  const empty = edited.text.trim() === '';
  const compare = () => void useDiffStore.getState().run(client, edited);

  const button = (
    <button
      type="button"
      className="lanes-button lanes-button--small"
      disabled={empty || state.status === 'loading'}
      onClick={compare}
      data-testid="policy-diff-run"
    >
      <RefreshCw size={13} aria-hidden="true" />
      {state.status === 'idle' ? 'Compare' : 'Compare again'}
    </button>
  );

  return (
    <div className="policy-panel" data-testid="policy-diff-panel">
      <div className="policy-panel__head">
        <p className="policy-panel__lead">
          {state.status === 'done' ? (
            state.data.errorCount > 0 ? (
              <>The edit has {plural(state.data.errorCount, 'error')}: fix them to compare.</>
            ) : state.data.changed ? (
              <>
                <span className="policy-diff__count policy-diff__count--added">
                  +{state.data.added}
                </span>{' '}
                <span className="policy-diff__count policy-diff__count--removed">
                  −{state.data.removed}
                </span>{' '}
                lines; {plural(state.data.decisions.length, 'decision')}{' '}
                {state.data.decisions.length === 1 ? 'changes' : 'change'}.
              </>
            ) : (
              <>No change the router would see (comments and order aside).</>
            )
          ) : state.status === 'loading' ? (
            'Comparing…'
          ) : state.status === 'idle' ? (
            'Compare the edit with the policy in force.'
          ) : null}
        </p>
        {stale && state.status === 'done' ? (
          <span className="badge policy-badge--warn">The edit changed since</span>
        ) : null}
        {button}
      </div>
      {state.status === 'error' ? (
        <FormMessage tone="error">Could not compare: {state.error.message}</FormMessage>
      ) : null}
      {state.status === 'done' && state.data.errorCount === 0 ? (
        <>
          <h3 className="policy-panel__title">Decisions</h3>
          <DecisionChanges decisions={state.data.decisions} />
          {state.data.changed || state.data.unified === '' ? (
            <>
              <h3 className="policy-panel__title">YAML in force → edited</h3>
              <UnifiedDiff unified={state.data.unified} />
            </>
          ) : (
            <details className="policy-diff__details">
              <summary>
                The text still differs in formatting or order (
                {state.data.added + state.data.removed} lines): show it
              </summary>
              <UnifiedDiff unified={state.data.unified} />
            </details>
          )}
        </>
      ) : null}
    </div>
  );
}
