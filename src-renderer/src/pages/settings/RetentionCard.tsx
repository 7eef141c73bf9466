import { CircleAlert, CircleCheck } from 'lucide-react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SettingsView } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { Field } from '../../components/Field';
import { IDLE_SAVE, useSettingsStore } from './settings-store';

const text = (value: number | null) => (value === null ? '' : String(value));

/** A whole number, null for an empty field, or undefined when it is not one. */
function limitOf(value: string): number | null | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** How long routing records are kept: by age and by count; applied as soon as it is saved. */
export function RetentionCard({ settings }: { settings: SettingsView }) {
  const client = useClient();
  const save = useSettingsStore((s) => s.save);
  const saveState = useSettingsStore((s) => s.saves['retention'] ?? IDLE_SAVE);
  const [days, setDays] = useState(text(settings.retention.maxAgeDays));
  const [records, setRecords] = useState(text(settings.retention.maxRecords));
  const maxAgeDays = limitOf(days);
  const maxRecords = limitOf(records);
  const invalid = maxAgeDays === undefined || maxRecords === undefined || maxAgeDays === 0;
  const changed =
    maxAgeDays !== settings.retention.maxAgeDays || maxRecords !== settings.retention.maxRecords;
  const readOnly = settings.storage !== 'ok';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    void save(client, 'retention', { retention: { maxAgeDays, maxRecords } });
  };

  return (
    <section className="card" aria-labelledby="retention-title" data-testid="retention">
      <h2 className="card__title" id="retention-title">
        Routing records
      </h2>
      <p className="muted">
        Every routed request leaves a record for Replay and Insights. Keep them as long as you like;
        a new limit removes older records at once.
      </p>
      <form className="retention-form" onSubmit={submit}>
        <Field label="Keep for (days)" hint="Empty: keep them forever.">
          {({ id, describedBy }) => (
            <input
              id={id}
              className="input"
              inputMode="numeric"
              placeholder="Forever"
              value={days}
              disabled={readOnly}
              aria-describedby={describedBy}
              aria-invalid={maxAgeDays === undefined || maxAgeDays === 0 ? true : undefined}
              onChange={(event) => setDays(event.target.value)}
            />
          )}
        </Field>
        <Field label="Keep at most (records)" hint="The newest stay. Empty: no limit.">
          {({ id, describedBy }) => (
            <input
              id={id}
              className="input"
              inputMode="numeric"
              placeholder="No limit"
              value={records}
              disabled={readOnly}
              aria-describedby={describedBy}
              aria-invalid={maxRecords === undefined ? true : undefined}
              onChange={(event) => setRecords(event.target.value)}
            />
          )}
        </Field>
        <div className="retention-form__actions">
          <button
            type="submit"
            className="lanes-button lanes-button--primary"
            disabled={readOnly || invalid || !changed || saveState.status === 'saving'}
          >
            {saveState.status === 'saving' ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
      {invalid ? (
        <p className="form-message form-message--error" role="alert">
          <CircleAlert size={14} aria-hidden="true" /> Type a whole number of days (1 or more) and
          of records, or leave a field empty.
        </p>
      ) : null}
      {saveState.status === 'saved' && !changed ? (
        <p className="form-message form-message--ok" role="status" data-testid="retention-saved">
          <CircleCheck size={14} aria-hidden="true" /> Saved.{' '}
          {saveState.removed > 0
            ? `${saveState.removed.toLocaleString()} older ${saveState.removed === 1 ? 'record was' : 'records were'} removed.`
            : 'No record had to go.'}
        </p>
      ) : null}
      {saveState.status === 'failed' ? (
        <p className="form-message form-message--error" role="alert">
          <CircleAlert size={14} aria-hidden="true" /> {saveState.error.message}
        </p>
      ) : null}
    </section>
  );
}
