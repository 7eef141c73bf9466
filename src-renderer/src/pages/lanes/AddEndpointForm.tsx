import { CircleAlert, CircleCheck, Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { LanesList, LanesProbe } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { Field } from '../../components/Field';
import { useAddEndpointStore } from './add-endpoint-store';
import type { LocalityChoice } from './add-endpoint-store';
import { LocalityBadge } from './LocalityBadge';
import { formatLatency } from './lane-format';

const LOCALITY_LABEL = { local: 'This machine', lan: 'LAN', cloud: 'Cloud' } as const;

/** Names of stored keys, offered for the key field. */
function useKeyNames(): string[] {
  const client = useClient();
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void client.call('secrets.list', {}).then((result) => {
      if (live && result.ok) setNames(result.data.secrets.map((entry) => entry.name));
    });
    return () => {
      live = false;
    };
  }, [client]);
  return names;
}

function Detected({ probe }: { probe: LanesProbe }) {
  return (
    <div className="endpoint-detected" role="status" data-testid="endpoint-detected">
      <div className="endpoint-detected__title">
        <CircleCheck size={15} aria-hidden="true" />
        <span>
          Found <strong data-testid="endpoint-kind">{probe.kind}</strong>
          {probe.version ? ` ${probe.version}` : ''} at <code>{probe.baseUrl}</code> in{' '}
          {formatLatency(probe.latencyMs)}
        </span>
        <LocalityBadge locality={probe.locality} source="endpoint" />
      </div>
      <div className="field__hint">
        Serves{' '}
        {probe.models.length === 0
          ? 'no models yet'
          : probe.models
              .map((model) =>
                model.contextLength
                  ? `${model.id} (${model.contextLength.toLocaleString()} tokens)`
                  : model.id,
              )
              .join(', ')}
        . {probe.evidence.join('; ')}
      </div>
    </div>
  );
}

/** Which alias goes to which served model: the profile's aliases, then any the person adds. */
function MappingTable({ probe }: { probe: LanesProbe }) {
  const mapping = useAddEndpointStore((s) => s.mapping);
  const map = useAddEndpointStore((s) => s.map);
  const [extraAlias, setExtraAlias] = useState('');
  const aliases = Object.keys(mapping);
  const modelIds = probe.models.map((model) => model.id);
  return (
    <div className="field">
      <span className="field__label" id="mapping-label">
        Which alias goes to which model
      </span>
      {aliases.length === 0 ? (
        <span className="field__hint">
          The routing profile has no aliases; name one below to send it to this server.
        </span>
      ) : (
        <table className="table mapping-table" aria-labelledby="mapping-label">
          <thead>
            <tr>
              <th>Alias</th>
              <th>Model on the server</th>
            </tr>
          </thead>
          <tbody>
            {aliases.map((alias) => (
              <tr key={alias} data-alias={alias}>
                <td>
                  <code>{alias}</code>
                  {probe.suggestedAliases[alias] ? (
                    <span className="field__hint"> · suggested</span>
                  ) : null}
                </td>
                <td>
                  <select
                    className="select"
                    aria-label={`Model for ${alias}`}
                    value={mapping[alias] ?? ''}
                    onChange={(event) => map(alias, event.target.value)}
                  >
                    <option value="">Not sent here</option>
                    {modelIds.map((id) => (
                      <option key={id} value={id}>
                        {id}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="mapping-extra">
        <input
          className="input input--mono"
          aria-label="Another alias"
          placeholder="Another alias, e.g. local/coder"
          value={extraAlias}
          onChange={(event) => setExtraAlias(event.target.value)}
        />
        <button
          type="button"
          className="lanes-button lanes-button--small"
          disabled={extraAlias.trim() === '' || extraAlias.trim() in mapping}
          onClick={() => {
            map(extraAlias.trim(), '');
            setExtraAlias('');
          }}
        >
          Add alias
        </button>
      </div>
    </div>
  );
}

/** Probe an address, confirm what was found and the alias mapping, save. */
export function AddEndpointForm({ onSaved }: { onSaved(list: LanesList): void }) {
  const client = useClient();
  const state = useAddEndpointStore();
  const keyNames = useKeyNames();
  const { probe } = state;

  const detect = (event: FormEvent) => {
    event.preventDefault();
    void state.detect(client);
  };
  const save = async () => {
    const list = await state.save(client);
    if (list) onSaved(list);
  };

  return (
    <div className="endpoint-form" data-testid="add-endpoint">
      <form className="endpoint-form__probe" onSubmit={detect}>
        <Field label="Server address">
          {({ id }) => (
            <input
              id={id}
              className="input input--mono"
              placeholder="http://192.168.1.20:8000"
              value={state.url}
              aria-invalid={state.probeError ? true : undefined}
              onChange={(event) => state.setUrl(event.target.value)}
            />
          )}
        </Field>
        <Field label="API key (name of a stored key)">
          {({ id }) => (
            <>
              <input
                id={id}
                className="input input--mono"
                list="endpoint-key-names"
                placeholder="None"
                value={state.apiKeySecret}
                onChange={(event) => state.setApiKeySecret(event.target.value)}
              />
              <datalist id="endpoint-key-names">
                {keyNames.map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <button
          type="submit"
          className="lanes-button endpoint-form__detect"
          disabled={state.probing || state.url.trim() === ''}
        >
          <Search
            size={14}
            aria-hidden="true"
            className={state.probing ? 'lanes-spin' : undefined}
          />
          <span>{state.probing ? 'Detecting…' : 'Detect'}</span>
        </button>
      </form>
      {state.probeError ? (
        <p className="form-message form-message--error" role="alert" data-testid="probe-error">
          <CircleAlert size={14} aria-hidden="true" />
          <span>{state.probeError.message}</span>
        </p>
      ) : null}
      {probe ? (
        <>
          <Detected probe={probe} />
          <div className="endpoint-form__names">
            <Field label="Name" hint="Lower-case letters, digits, . _ -">
              {({ id, describedBy }) => (
                <input
                  id={id}
                  className="input input--mono"
                  value={state.name}
                  aria-describedby={describedBy}
                  onChange={(event) => state.setName(event.target.value)}
                />
              )}
            </Field>
            <Field label="Where it runs" hint="Private work only goes to this machine and LAN.">
              {({ id, describedBy }) => (
                <select
                  id={id}
                  className="select"
                  value={state.locality}
                  aria-describedby={describedBy}
                  onChange={(event) => state.setLocality(event.target.value as LocalityChoice)}
                >
                  <option value="">From its address ({LOCALITY_LABEL[probe.locality]})</option>
                  <option value="local">This machine</option>
                  <option value="lan">LAN (e.g. a VPN address)</option>
                  <option value="cloud">Cloud</option>
                </select>
              )}
            </Field>
          </div>
          <MappingTable probe={probe} />
          {state.saveError ? (
            <p className="form-message form-message--error" role="alert" data-testid="save-error">
              <CircleAlert size={14} aria-hidden="true" />
              <span>{state.saveError.message}</span>
            </p>
          ) : null}
        </>
      ) : null}
      <div className="button-row">
        {probe ? (
          <button
            type="button"
            className="lanes-button lanes-button--primary"
            disabled={state.saving}
            onClick={() => void save()}
          >
            {state.saving ? 'Saving…' : 'Save server'}
          </button>
        ) : null}
        <button type="button" className="lanes-button" onClick={() => state.setOpen(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
