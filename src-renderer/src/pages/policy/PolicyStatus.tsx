import { useShallow } from 'zustand/react/shallow';
import { countProblems, formatWhen, plural } from './policy-format';
import { editedProblems } from './policy-problems';
import { isDirty, usePolicyStore } from './policy-store';

/** The edit's problems as counts; `data-errors`/`data-total` are read by tests. */
function ProblemBadges() {
  const { diagnostics, converting, convertError } = usePolicyStore(useShallow(editedProblems));
  if (diagnostics === null) {
    return (
      <span
        className="policy-status__item"
        data-testid="policy-diagnostics"
        data-state={convertError ? 'unavailable' : 'checking'}
        title={convertError?.message}
      >
        {convertError ? (
          <span className="badge badge--invalid">Not checked: {convertError.code}</span>
        ) : (
          <span className="badge">Checking…</span>
        )}
      </span>
    );
  }
  const counts = countProblems(diagnostics);
  return (
    <span
      className="policy-status__item"
      data-testid="policy-diagnostics"
      data-state={converting ? 'checking' : 'checked'}
      data-errors={counts.errors}
      data-total={counts.total}
    >
      {counts.total === 0 ? <span className="badge badge--installed">No problems</span> : null}
      {counts.errors > 0 ? (
        <span className="badge badge--invalid">{plural(counts.errors, 'error')}</span>
      ) : null}
      {counts.warnings > 0 ? (
        <span className="badge policy-badge--warn">{plural(counts.warnings, 'warning')}</span>
      ) : null}
    </span>
  );
}

/** One line: the profile in force, whether the edit differs from it, which side leads, problems. */
export function PolicyStatus() {
  const active = usePolicyStore((s) => s.active);
  const dirty = usePolicyStore(isDirty);
  const source = usePolicyStore((s) => s.source);
  if (!active) return null;
  return (
    <div
      className="policy-status"
      data-testid="policy-status"
      data-state="ready"
      data-dirty={dirty}
      data-source={source}
      aria-label="Policy status"
    >
      <span className="policy-status__item" title={active.profile.source}>
        Profile <strong>{active.profile.name}</strong>
        {active.appliedAt ? (
          <span className="muted"> · applied {formatWhen(active.appliedAt)}</span>
        ) : null}
      </span>
      <span className="policy-status__item">
        <span
          className={dirty ? 'status-dot status-dot--pending' : 'status-dot status-dot--ok'}
          aria-hidden="true"
        />
        {dirty ? 'Unsaved changes' : 'Same as the policy in force'}
      </span>
      <span className="policy-status__item">
        Editing <strong>{source === 'dsl' ? 'DSL' : 'YAML'}</strong>
      </span>
      <ProblemBadges />
    </div>
  );
}
