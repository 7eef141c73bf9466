import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SettingsView } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { Field } from '../../components/Field';
import { FormMessage } from '../../components/FormMessage';
import { SettingsCard } from './SettingsCard';
import { IDLE_SAVE, useSettingsStore } from './settings-store';

const text = (value: number | null) => (value === null ? '' : String(value));

/** A whole number, null for an empty field, or undefined when it is not one. */
function limitOf(value: string): number | null | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** A limit typed as a whole number; empty for none. */
function LimitField({
  label,
  hint,
  placeholder,
  value,
  invalid,
  disabled,
  onChange,
}: {
  label: string;
  hint: string;
  placeholder: string;
  value: string;
  invalid: boolean;
  disabled: boolean;
  onChange(value: string): void;
}) {
  return (
    <Field label={label} hint={hint}>
      {({ id, describedBy }) => (
        <input
          id={id}
          className="input"
          inputMode="numeric"
          placeholder={placeholder}
          value={value}
          disabled={disabled}
          aria-describedby={describedBy}
          aria-invalid={invalid ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
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
    <SettingsCard
      name="retention"
      title="Routing records"
      lead="Every routed request leaves a record for Replay and Insights. Keep them as long as you like; a new limit removes older records at once."
    >
      <form className="retention-form" onSubmit={submit}>
        <LimitField
          label="Keep for (days)"
          hint="Empty: keep them forever."
          placeholder="Forever"
          value={days}
          invalid={maxAgeDays === undefined || maxAgeDays === 0}
          disabled={readOnly}
          onChange={setDays}
        />
        <LimitField
          label="Keep at most (records)"
          hint="The newest stay. Empty: no limit."
          placeholder="No limit"
          value={records}
          invalid={maxRecords === undefined}
          disabled={readOnly}
          onChange={setRecords}
        />
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
        <FormMessage tone="error">
          Type a whole number of days (1 or more) and of records, or leave a field empty.
        </FormMessage>
      ) : null}
      {saveState.status === 'saved' && !changed ? (
        <FormMessage tone="ok" testId="retention-saved">
          Saved.{' '}
          {saveState.removed > 0
            ? `${saveState.removed.toLocaleString()} older ${saveState.removed === 1 ? 'record was' : 'records were'} removed.`
            : 'No record had to go.'}
        </FormMessage>
      ) : null}
      {saveState.status === 'failed' ? (
        <FormMessage tone="error">{saveState.error.message}</FormMessage>
      ) : null}
    </SettingsCard>
  );
}
