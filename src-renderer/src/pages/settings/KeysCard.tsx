import { CircleAlert, KeyRound } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { SecretEntry } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { Field } from '../../components/Field';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormMessage } from '../../components/FormMessage';
import { SettingsCard } from './SettingsCard';
import { IDLE_ACTION, useKeysStore } from './keys-store';

const STORE_LABEL: Record<string, string> = {
  env: 'environment variable',
  file: 'private file in the data folder',
  'safe-storage': 'system keychain',
};

const where = (kind: string) => STORE_LABEL[kind] ?? kind;

/** A value field that never shows what is in it and is emptied once sent. */
function KeyForm({
  slot,
  fixedName,
  submitLabel,
  onDone,
}: {
  slot: string;
  fixedName?: string;
  submitLabel: string;
  onDone?: () => void;
}) {
  const client = useClient();
  const store = useKeysStore((s) => s.store);
  const action = useKeysStore((s) => s.actions[slot] ?? IDLE_ACTION);
  const [name, setName] = useState(fixedName ?? '');
  const [value, setValue] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const stored = await store(client, slot, (fixedName ?? name).trim(), value);
    // The value leaves this page's memory whatever happened.
    setValue('');
    if (stored) {
      if (!fixedName) setName('');
      onDone?.();
    }
  };
  return (
    <form
      className="key-form"
      onSubmit={(event) => void submit(event)}
      data-testid={`key-form-${slot}`}
    >
      {fixedName ? null : (
        <Field label="Name">
          {({ id }) => (
            <input
              id={id}
              className="input input--mono"
              placeholder="OPENAI_API_KEY"
              value={name}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
      )}
      <Field label={fixedName ? `New value of ${fixedName}` : 'Value'}>
        {({ id }) => (
          <input
            id={id}
            className="input input--mono"
            type="password"
            placeholder="Paste the key"
            value={value}
            autoComplete="new-password"
            spellCheck={false}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
      </Field>
      <button
        type="submit"
        className="lanes-button lanes-button--primary key-form__submit"
        disabled={action.status === 'busy' || value === '' || (fixedName ?? name).trim() === ''}
      >
        {action.status === 'busy' ? 'Saving…' : submitLabel}
      </button>
      {action.status === 'failed' ? (
        <FormMessage tone="error" className="key-form__message">
          {action.error.message}
        </FormMessage>
      ) : null}
      {action.status === 'done' ? (
        <FormMessage tone="ok" className="key-form__message">
          {action.message}
        </FormMessage>
      ) : null}
    </form>
  );
}

function KeyRow({ entry, writable }: { entry: SecretEntry; writable: boolean }) {
  const client = useClient();
  const remove = useKeysStore((s) => s.remove);
  const action = useKeysStore((s) => s.actions[entry.name] ?? IDLE_ACTION);
  const [replacing, setReplacing] = useState(false);
  const stored = entry.storedIn !== 'env';
  return (
    <li className="key-row" data-key={entry.name}>
      <div className="key-row__main">
        <KeyRound size={14} aria-hidden="true" className="key-row__icon" />
        <div className="key-row__body">
          <code className="key-row__name">{entry.name}</code>
          <span className="field__hint">
            In the {where(entry.storedIn)}
            {entry.overriddenByEnv
              ? `; the environment variable ${entry.name} is used instead`
              : ''}
            {entry.usedBy.length > 0 ? ` · used by ${entry.usedBy.join(', ')}` : ''}
          </span>
        </div>
        <span className="key-row__mask" aria-label="Value hidden">
          ••••••••
        </span>
        {stored && writable ? (
          <div className="button-row">
            <button
              type="button"
              className="lanes-button lanes-button--small"
              aria-pressed={replacing}
              onClick={() => setReplacing(!replacing)}
            >
              Replace
            </button>
            <ConfirmButton
              label="Remove"
              ariaLabel={`Remove ${entry.name}`}
              question={`Remove ${entry.name}?`}
              disabled={action.status === 'busy'}
              onConfirm={() => void remove(client, entry.name)}
            />
          </div>
        ) : (
          <span className="field__hint">Change it where the variable is set</span>
        )}
      </div>
      {replacing ? (
        <KeyForm
          slot={entry.name}
          fixedName={entry.name}
          submitLabel="Replace"
          onDone={() => setReplacing(false)}
        />
      ) : null}
      {action.status === 'failed' && !replacing ? (
        <FormMessage tone="error">{action.error.message}</FormMessage>
      ) : null}
    </li>
  );
}

/** API keys: names and where each is kept; values are typed once and never shown again. */
export function KeysCard() {
  const client = useClient();
  const load = useKeysStore((s) => s.load);
  const read = useKeysStore((s) => s.read);
  useEffect(() => {
    void read(client);
  }, [client, read]);

  return (
    <SettingsCard
      name="keys"
      title="API keys"
      lead="Keys for cloud models and for servers that ask for one. Homelane never shows a key again once it is stored; an environment variable of the same name wins over a stored key."
    >
      {load.status === 'loading' ? <p className="muted">Reading the key names…</p> : null}
      {load.status === 'error' ? (
        <FormMessage tone="error">{load.error.message}</FormMessage>
      ) : null}
      {load.status === 'ready' ? (
        <>
          {load.list.secrets.length === 0 ? (
            <p className="muted keys-empty">No keys yet.</p>
          ) : (
            <ul className="key-list">
              {load.list.secrets.map((entry) => (
                <KeyRow key={entry.name} entry={entry} writable={load.list.writable} />
              ))}
            </ul>
          )}
          {load.list.missing.length > 0 ? (
            <div className="keys-missing" role="note">
              <CircleAlert size={14} aria-hidden="true" />
              <span>
                Needed but not set:{' '}
                {load.list.missing.map((entry, index) => (
                  <span key={entry.name}>
                    {index > 0 ? ', ' : ''}
                    <code>{entry.name}</code> ({entry.usedBy.join(', ')})
                  </span>
                ))}
              </span>
            </div>
          ) : null}
          {load.list.writable ? (
            <div className="keys-add">
              <div className="field__label">Add a key</div>
              <KeyForm slot="new" submitLabel="Store key" />
              <span className="field__hint">Kept in the {where(load.list.store)}.</span>
            </div>
          ) : null}
        </>
      ) : null}
    </SettingsCard>
  );
}
