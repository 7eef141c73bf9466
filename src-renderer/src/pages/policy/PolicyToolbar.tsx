import { CheckCheck, Undo2 } from 'lucide-react';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useClient } from '../../api/client-context';
import { FormMessage } from '../../components/FormMessage';
import { ApplyConfirm } from './ApplyConfirm';
import { PolicyStatus } from './PolicyStatus';
import { countProblems, formatWhen } from './policy-format';
import { editedProblems } from './policy-problems';
import { editedOf, isDirty, usePolicyStore } from './policy-store';

/** Why Apply cannot be pressed now; null when it can. */
function applyBlocker(
  dirty: boolean,
  empty: boolean,
  errors: number | null,
  converting: boolean,
): string | null {
  if (!dirty) return 'Nothing to apply: the edit is the policy in force.';
  if (empty) return 'The edit is empty.';
  if (errors === null || converting) return 'Wait for the check to finish.';
  if (errors > 0) return 'Fix the errors first.';
  return null;
}

export function PolicyToolbar() {
  const client = useClient();
  const [asking, setAsking] = useState(false);
  const dirty = usePolicyStore(isDirty);
  const empty = usePolicyStore((s) => editedOf(s).text.trim() === '');
  const problems = usePolicyStore(useShallow(editedProblems));
  const apply = usePolicyStore((s) => s.apply);
  const revert = usePolicyStore((s) => s.revert);
  const dismissApply = usePolicyStore((s) => s.dismissApply);
  const errors = problems.diagnostics ? countProblems(problems.diagnostics).errors : null;
  const blocker = applyBlocker(
    dirty,
    empty,
    problems.convertError ? null : errors,
    problems.converting,
  );
  const applying = apply.status === 'applying';

  return (
    <>
      <div className="policy-bar">
        <div className="button-row" role="toolbar" aria-label="Policy actions">
          <button
            type="button"
            className="lanes-button lanes-button--primary"
            data-testid="policy-apply"
            disabled={blocker !== null || applying || asking}
            title={blocker ?? 'Put this edit in force'}
            onClick={() => {
              dismissApply();
              setAsking(true);
            }}
          >
            <CheckCheck size={14} aria-hidden="true" />
            {applying ? 'Applying…' : 'Apply…'}
          </button>
          <button
            type="button"
            className="lanes-button"
            data-testid="policy-revert"
            disabled={!dirty || applying}
            title="Throw the edit away and show the policy in force again"
            onClick={() => {
              setAsking(false);
              revert();
            }}
          >
            <Undo2 size={14} aria-hidden="true" /> Revert to active
          </button>
        </div>
        <PolicyStatus />
      </div>
      {asking ? (
        <ApplyConfirm
          onDone={(applied) => {
            if (applied) setAsking(false);
          }}
          onCancel={() => setAsking(false)}
          onApply={(note) => usePolicyStore.getState().applyEdit(client, note)}
        />
      ) : null}
      {apply.status === 'done' ? (
        <FormMessage tone="ok" testId="policy-apply-result">
          Applied: version <strong>{apply.result.version.name}</strong> is in force since{' '}
          {formatWhen(apply.result.version.appliedAt)}
          {apply.result.previous
            ? `; ${apply.result.previous.name} is kept in History.`
            : '. The policy it replaced is kept in History.'}
        </FormMessage>
      ) : null}
    </>
  );
}
