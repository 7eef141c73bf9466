import { Network, Save } from 'lucide-react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiErrorData, LanesProbe } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { Field } from '../../components/Field';
import { LocalityBadge } from '../lanes/LocalityBadge';
import { useOnboarding } from './onboarding-store';

type Probe =
  | { status: 'idle' }
  | { status: 'probing' }
  | { status: 'ready'; probe: LanesProbe }
  | { status: 'error'; error: ApiErrorData };

type Saving =
  | { status: 'idle' | 'saving' }
  | { status: 'saved'; name: string }
  | { status: 'error'; error: ApiErrorData };

/** A model server on the network: detect what it is and serves, map the profile's aliases, save. */
export function LanEndpointSetup() {
  const client = useClient();
  const noteSaved = useOnboarding((s) => s.noteSaved);
  const [url, setUrl] = useState('');
  const [probe, setProbe] = useState<Probe>({ status: 'idle' });
  const [name, setName] = useState('');
  const [aliases, setAliases] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<Saving>({ status: 'idle' });

  const detect = async (event: FormEvent) => {
    event.preventDefault();
    if (url.trim() === '') return;
    setProbe({ status: 'probing' });
    setSaving({ status: 'idle' });
    const result = await client.call('lanes.probe', { url: url.trim() });
    if (!result.ok) return setProbe({ status: 'error', error: result.error });
    setProbe({ status: 'ready', probe: result.data });
    setName(result.data.suggestedName);
    setAliases(result.data.suggestedAliases);
  };

  const save = async () => {
    if (probe.status !== 'ready') return;
    setSaving({ status: 'saving' });
    const mapped = Object.fromEntries(Object.entries(aliases).filter(([, id]) => id !== ''));
    const result = await client.call('lanes.add', {
      url: probe.probe.baseUrl,
      ...(name.trim() ? { name: name.trim() } : {}),
      aliases: mapped,
    });
    if (!result.ok) return setSaving({ status: 'error', error: result.error });
    setSaving({ status: 'saved', name: result.data.endpoint.name });
    noteSaved('lanes', result.data.endpoint.name);
  };

  return (
    <section className="card" aria-label="A server on your network" data-testid="lan-setup">
      <h3 className="card__title">A server on your network</h3>
      <p className="muted onb-lead">
        vLLM, llama.cpp, Ollama or LM Studio on this machine or another one at home.
      </p>
      <form className="onb-inline-form" onSubmit={(event) => void detect(event)}>
        <Field label="Address" className="onb-grow">
          {({ id }) => (
            <input
              id={id}
              className="input"
              value={url}
              placeholder="http://192.168.1.20:8000"
              onChange={(event) => setUrl(event.target.value)}
              data-testid="lan-url"
            />
          )}
        </Field>
        <button
          type="submit"
          className="lanes-button"
          disabled={probe.status === 'probing' || url.trim() === ''}
        >
          <Network size={14} aria-hidden="true" />
          <span>{probe.status === 'probing' ? 'Detecting…' : 'Detect'}</span>
        </button>
      </form>
      {probe.status === 'error' ? (
        <p className="onb-problem" role="alert">
          {probe.error.message}
        </p>
      ) : null}
      {probe.status === 'ready' ? (
        <div className="onb-detected" data-testid="lan-detected">
          <p>
            <strong>{probe.probe.kind}</strong>
            {probe.probe.version ? ` ${probe.probe.version}` : ''} at{' '}
            <code>{probe.probe.baseUrl}</code> <LocalityBadge locality={probe.probe.locality} /> ·{' '}
            {Math.round(probe.probe.latencyMs)} ms · serves{' '}
            {probe.probe.models.map((m) => m.id).join(', ') || 'no models'}
          </p>
          {probe.probe.profileAliases.length > 0 ? (
            <table className="table onb-alias-table">
              <thead>
                <tr>
                  <th>Profile model</th>
                  <th>Served by this server as</th>
                </tr>
              </thead>
              <tbody>
                {probe.probe.profileAliases.map((alias) => (
                  <tr key={alias}>
                    <td>{alias}</td>
                    <td>
                      <select
                        className="select"
                        value={aliases[alias] ?? ''}
                        aria-label={`Model for ${alias}`}
                        onChange={(event) =>
                          setAliases((previous) => ({ ...previous, [alias]: event.target.value }))
                        }
                      >
                        <option value="">— not on this server —</option>
                        {probe.probe.models.map((model) => (
                          <option key={model.id} value={model.id}>
                            {model.id}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div className="onb-inline-form">
            <Field label="Name">
              {({ id }) => (
                <input
                  id={id}
                  className="input"
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                />
              )}
            </Field>
            <button
              type="button"
              className="lanes-button"
              disabled={saving.status === 'saving' || saving.status === 'saved'}
              onClick={() => void save()}
            >
              <Save size={14} aria-hidden="true" />
              <span>{saving.status === 'saved' ? 'Saved' : 'Save this server'}</span>
            </button>
          </div>
          {saving.status === 'saved' ? (
            <p className="onb-ok" role="status">
              Saved as {saving.name}; its health shows on the Lanes &amp; models page.
            </p>
          ) : null}
          {saving.status === 'error' ? (
            <p className="onb-problem" role="alert">
              {saving.error.message}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
