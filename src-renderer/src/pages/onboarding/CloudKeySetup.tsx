import { KeyRound } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiErrorData } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { Field } from '../../components/Field';
import { useOnboarding } from './onboarding-store';

type Saving =
  | { status: 'idle' | 'saving' }
  | { status: 'saved'; name: string; storedIn: string; overriddenByEnv: boolean }
  | { status: 'error'; error: ApiErrorData };

/** A cloud API key: written to the key store, never read back into the page. */
export function CloudKeySetup() {
  const client = useClient();
  const noteSaved = useOnboarding((s) => s.noteSaved);
  const [needed, setNeeded] = useState<string[]>([]);
  const [held, setHeld] = useState<string[]>([]);
  const [name, setName] = useState('OPENAI_API_KEY');
  const [value, setValue] = useState('');
  const [saving, setSaving] = useState<Saving>({ status: 'idle' });

  useEffect(() => {
    let live = true;
    void client.call('secrets.list', {}).then((result) => {
      if (!live || !result.ok) return;
      const missing = result.data.missing.map((entry) => entry.name);
      setNeeded(missing);
      setHeld(result.data.secrets.map((entry) => entry.name));
      if (missing[0]) setName(missing[0]);
    });
    return () => {
      live = false;
    };
  }, [client]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '' || value === '') return;
    setSaving({ status: 'saving' });
    const result = await client.call('secrets.set', { name: name.trim(), value });
    // The value leaves the page's state whatever the answer.
    setValue('');
    if (!result.ok) return setSaving({ status: 'error', error: result.error });
    setSaving({ status: 'saved', ...result.data });
    setHeld((previous) => [...new Set([...previous, result.data.name])]);
    setNeeded((previous) => previous.filter((entry) => entry !== result.data.name));
    noteSaved('keys', result.data.name);
  };

  return (
    <section className="card" aria-label="Cloud keys" data-testid="key-setup">
      <h3 className="card__title">Cloud API keys</h3>
      <p className="muted onb-lead">
        {needed.length > 0
          ? `The profile's cloud models read ${needed.join(', ')}. `
          : 'For cloud models the profile uses. '}
        A key stays on this machine (in the OS keychain in the desktop app, in a file only you can
        read for <code>homelane serve</code>) and is never shown again; private requests never reach
        the cloud.
        {held.length > 0 ? ` Keys held: ${held.join(', ')}.` : ''}
      </p>
      <form className="onb-inline-form" onSubmit={(event) => void save(event)}>
        <Field label="Name">
          {({ id }) => (
            <>
              <input
                id={id}
                className="input input--mono"
                value={name}
                list="onb-key-names"
                onChange={(event) => setName(event.target.value)}
              />
              <datalist id="onb-key-names">
                {needed.map((entry) => (
                  <option key={entry} value={entry} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label="Key" className="onb-grow">
          {({ id }) => (
            <input
              id={id}
              className="input input--mono"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={value}
              placeholder="sk-…"
              onChange={(event) => setValue(event.target.value)}
              data-testid="key-value"
            />
          )}
        </Field>
        <button
          type="submit"
          className="lanes-button"
          disabled={saving.status === 'saving' || value === '' || name.trim() === ''}
        >
          <KeyRound size={14} aria-hidden="true" />
          <span>{saving.status === 'saving' ? 'Saving…' : 'Save key'}</span>
        </button>
      </form>
      {saving.status === 'saved' ? (
        <p className="onb-ok" role="status">
          Saved {saving.name} ({saving.storedIn})
          {saving.overriddenByEnv ? '; an environment variable of that name is used instead' : ''}.
        </p>
      ) : null}
      {saving.status === 'error' ? (
        <p className="onb-problem" role="alert">
          {saving.error.message}
        </p>
      ) : null}
    </section>
  );
}
