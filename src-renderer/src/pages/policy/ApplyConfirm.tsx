import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormMessage } from '../../components/FormMessage';
import { usePolicyStore } from './policy-store';

interface ApplyConfirmProps {
  /** Applies with the note; resolves true when the edit is in force. */
  onApply(note: string): Promise<boolean>;
  onDone(applied: boolean): void;
  onCancel(): void;
}

/** The second step of Apply: what will happen, a note to keep with the version, confirm. */
export function ApplyConfirm({ onApply, onDone, onCancel }: ApplyConfirmProps) {
  const [note, setNote] = useState('');
  const profile = usePolicyStore((s) => s.active?.profile.name ?? 'the profile');
  const format = usePolicyStore((s) => s.source);
  const apply = usePolicyStore((s) => s.apply);
  const applying = apply.status === 'applying';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    onDone(await onApply(note));
  };

  return (
    <form
      className="policy-confirm"
      aria-label="Apply the edited policy"
      data-testid="policy-apply-confirm"
      onSubmit={(event) => void submit(event)}
    >
      <p>
        Put the edited {format === 'dsl' ? 'DSL' : 'YAML'} in force in place of{' '}
        <strong>{profile}</strong>? New requests are routed by it at once; the version in force now
        is kept in History, so you can roll back.
      </p>
      <div className="policy-confirm__row">
        <label className="field policy-confirm__note">
          <span className="field__label">A note to keep with this version (optional)</span>
          <input
            className="input"
            value={note}
            maxLength={200}
            placeholder="e.g. cheaper code route"
            data-testid="policy-apply-note"
            onChange={(event) => setNote(event.target.value)}
          />
        </label>
        <button
          type="submit"
          className="lanes-button lanes-button--primary"
          data-testid="policy-apply-now"
          disabled={applying}
        >
          {applying ? 'Applying…' : 'Apply now'}
        </button>
        <button type="button" className="lanes-button" disabled={applying} onClick={onCancel}>
          Cancel
        </button>
      </div>
      {apply.status === 'error' ? (
        <FormMessage tone="error" testId="policy-apply-error">
          Not applied: {apply.error.message}
        </FormMessage>
      ) : null}
    </form>
  );
}
