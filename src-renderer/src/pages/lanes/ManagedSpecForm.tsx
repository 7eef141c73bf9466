import { CircleAlert } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiErrorData, LanesList } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { SPEC_GROUPS, draftOf, problemsByField, specOf } from './spec-fields';
import type { SpecDraft, SpecField, SpecKey } from './spec-fields';

interface ManagedSpecFormProps {
  /** The lane to edit; a name not saved yet starts from the reference deployment. */
  name: string;
  /** Whether the name can be changed (a new lane). */
  isNew: boolean;
  onSaved(list: LanesList, name: string): void;
  onCancel(): void;
}

type Load =
  | { status: 'loading' }
  | { status: 'error'; error: ApiErrorData }
  | { status: 'ready'; draft: SpecDraft; saved: boolean };

function FieldInput({
  field,
  value,
  problem,
  onChange,
}: {
  field: SpecField;
  value: string | boolean;
  problem: string | undefined;
  onChange(value: string | boolean): void;
}) {
  const id = `spec-${field.key}`;
  const invalid = problem ? true : undefined;
  if (field.kind === 'bool') {
    return (
      <label className="check spec-form__check">
        <input
          type="checkbox"
          checked={value === true}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>{field.label}</span>
      </label>
    );
  }
  const multiline = ['lines', 'env', 'pairs', 'volumes'].includes(field.kind);
  const text = typeof value === 'string' ? value : '';
  return (
    <div className={multiline ? 'field spec-form__wide' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {field.label}
      </label>
      {field.kind === 'select' ? (
        <select
          id={id}
          className="select"
          value={text}
          aria-invalid={invalid}
          onChange={(event) => onChange(event.target.value)}
        >
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : multiline ? (
        <textarea
          id={id}
          className="textarea"
          rows={Math.min(6, Math.max(2, text.split('\n').length))}
          value={text}
          aria-invalid={invalid}
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          id={id}
          className={field.kind === 'number' ? 'input' : 'input input--mono'}
          inputMode={field.kind === 'number' ? 'decimal' : undefined}
          value={text}
          aria-invalid={invalid}
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {problem ? (
        <span className="field__error" role="alert">
          {problem}
        </span>
      ) : field.hint ? (
        <span className="field__hint">{field.hint}</span>
      ) : null}
    </div>
  );
}

/** Every flag of the managed container, checked by the core when saved. */
export function ManagedSpecForm({ name, isNew, onSaved, onCancel }: ManagedSpecFormProps) {
  const client = useClient();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [problems, setProblems] = useState<Partial<Record<SpecKey, string>>>({});
  const [saveError, setSaveError] = useState<ApiErrorData | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    void client.call('lanes.managed.spec.get', { name }).then((result) => {
      if (!live) return;
      setLoad(
        result.ok
          ? { status: 'ready', draft: draftOf(result.data.spec), saved: result.data.saved }
          : { status: 'error', error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [client, name]);

  if (load.status === 'loading') return <p className="muted">Loading the container's flags…</p>;
  if (load.status === 'error') {
    return (
      <p className="form-message form-message--error" role="alert">
        <CircleAlert size={14} aria-hidden="true" /> {load.error.message}
      </p>
    );
  }
  const { draft } = load;
  const set = (key: SpecKey, value: string | boolean) => {
    setLoad({ ...load, draft: { ...draft, [key]: value } });
    setProblems((previous) => ({ ...previous, [key]: undefined }));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const { spec, problems: unreadable } = specOf(draft);
    setSaveError(null);
    if (Object.keys(unreadable).length > 0) {
      setProblems(unreadable);
      return;
    }
    setSaving(true);
    const result = await client.call('lanes.managed.spec.set', { spec });
    setSaving(false);
    if (result.ok) {
      onSaved(result.data.lanes, result.data.spec.name);
      return;
    }
    const details = result.error.details as { problems?: string[] } | undefined;
    setProblems(details?.problems ? problemsByField(details.problems) : {});
    setSaveError(result.error);
  };

  return (
    <form className="spec-form" onSubmit={(event) => void save(event)} data-testid="managed-spec">
      {isNew ? (
        <div className="spec-form__group">
          <div className="field">
            <label className="field__label" htmlFor="spec-name">
              Lane name
            </label>
            <input
              id="spec-name"
              className="input input--mono"
              value={String(draft.name)}
              aria-invalid={problems.name ? true : undefined}
              onChange={(event) => set('name', event.target.value)}
            />
            {problems.name ? <span className="field__error">{problems.name}</span> : null}
          </div>
          <p className="field__hint spec-form__note">
            Starts from the reference ROCm deployment, serving every alias of the profile.
          </p>
        </div>
      ) : null}
      {SPEC_GROUPS.map((group) => (
        <fieldset key={group.title} className="spec-form__group">
          <legend className="spec-form__legend">{group.title}</legend>
          <div className="spec-form__grid">
            {group.fields.map((field) => (
              <FieldInput
                key={field.key}
                field={field}
                value={draft[field.key]}
                problem={problems[field.key]}
                onChange={(value) => set(field.key, value)}
              />
            ))}
          </div>
        </fieldset>
      ))}
      {saveError ? (
        <p className="form-message form-message--error" role="alert" data-testid="spec-error">
          <CircleAlert size={14} aria-hidden="true" />
          <span>
            {Object.keys(problems).length > 0
              ? `The core refused these flags: ${Object.keys(problems).join(', ')}. Each says why above.`
              : saveError.message}
          </span>
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="lanes-button lanes-button--primary" disabled={saving}>
          {saving ? 'Saving…' : isNew ? 'Save container' : 'Save flags'}
        </button>
        <button type="button" className="lanes-button" onClick={onCancel}>
          Cancel
        </button>
        {!isNew ? (
          <span className="field__hint">A running container is re-made at its next start.</span>
        ) : null}
      </div>
    </form>
  );
}
