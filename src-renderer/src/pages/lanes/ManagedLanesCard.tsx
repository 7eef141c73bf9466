import { FileText, Play, Settings2, Square } from 'lucide-react';
import { Fragment, useEffect, useState } from 'react';
import type { LanesList } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormMessage } from '../../components/FormMessage';
import { ContainerStateBadge } from './ContainerStateBadge';
import { LanesCardHeader } from './LanesCardHeader';
import { ManagedLogsView } from './ManagedLogsView';
import { ManagedProgressView } from './ManagedProgressView';
import { ManagedSpecForm } from './ManagedSpecForm';
import { plural } from './lane-format';
import { entryOf, isStarting, useManagedStore } from './managed-store';
import { useLaneChanges } from './useLaneChanges';
import './lanes-admin.css';

const COLUMNS = 4;
/** The editor's key for a container not saved yet. */
const NEW = '\u0000new';

interface ManagedLanesCardProps {
  managed: LanesList['managed'];
  onChanged(list: LanesList): void;
}

function LaneActions({
  name,
  panel,
  onPanel,
  onForget,
}: {
  name: string;
  panel: 'logs' | 'flags' | null;
  onPanel(panel: 'logs' | 'flags' | null): void;
  onForget(): void;
}) {
  const client = useClient();
  const entry = useManagedStore((s) => entryOf(s.entries, name));
  const { up, down } = useManagedStore.getState();
  const starting = isStarting(entry);
  const stopping = entry.pending === 'down' || entry.status?.operation === 'down';
  const running = entry.status?.state === 'running' || entry.status?.state === 'restarting';
  return (
    <div className="button-row managed-actions" data-testid={`managed-actions-${name}`}>
      <ContainerStateBadge status={entry.status} error={entry.statusError} />
      {running && !starting ? null : (
        <button
          type="button"
          className="lanes-button lanes-button--small lanes-button--primary"
          disabled={starting || stopping}
          onClick={() => void up(client, name)}
        >
          <Play size={12} aria-hidden="true" />
          <span>{starting ? 'Starting…' : 'Start'}</span>
        </button>
      )}
      {running || starting ? (
        <button
          type="button"
          className="lanes-button lanes-button--small"
          disabled={stopping}
          onClick={() => void down(client, name)}
        >
          <Square size={12} aria-hidden="true" />
          <span>{stopping ? 'Stopping…' : starting ? 'Cancel start' : 'Stop'}</span>
        </button>
      ) : null}
      <button
        type="button"
        className="lanes-button lanes-button--small"
        aria-pressed={panel === 'logs'}
        onClick={() => onPanel(panel === 'logs' ? null : 'logs')}
      >
        <FileText size={12} aria-hidden="true" />
        <span>Logs</span>
      </button>
      <button
        type="button"
        className="lanes-button lanes-button--small"
        aria-pressed={panel === 'flags'}
        onClick={() => onPanel(panel === 'flags' ? null : 'flags')}
      >
        <Settings2 size={12} aria-hidden="true" />
        <span>Edit flags</span>
      </button>
      <ConfirmButton
        label="Forget"
        ariaLabel={`Forget ${name}`}
        question={`Forget ${name}?`}
        disabled={starting || stopping || running}
        onConfirm={onForget}
      />
    </div>
  );
}

/** The ROCm vLLM containers Homelane runs in Docker on this machine: state, start, stop, logs, flags. */
export function ManagedLanesCard({ managed, onChanged }: ManagedLanesCardProps) {
  const client = useClient();
  const watch = useManagedStore((s) => s.watch);
  const refresh = useManagedStore((s) => s.refresh);
  const entries = useManagedStore((s) => s.entries);
  const [panels, setPanels] = useState<Record<string, 'logs' | 'flags' | null>>({});
  const [adding, setAdding] = useState(false);
  const { changed, forget, forgetError } = useLaneChanges(onChanged);
  const names = managed.map((lane) => lane.name).join('\n');

  useEffect(() => watch(client), [client, watch]);
  useEffect(() => {
    for (const name of names.split('\n')) if (name) void refresh(client, name);
  }, [client, names, refresh]);

  const suggestedName = managed.some((lane) => lane.name === 'vllm') ? '' : 'vllm';

  return (
    <section className="card" aria-labelledby="managed-title" data-testid="managed-lanes-card">
      <LanesCardHeader
        titleId="managed-title"
        title="Managed containers"
        summary={
          managed.length > 0
            ? `${plural(managed.length, 'container')} run by Homelane in Docker on this machine.`
            : 'Homelane can run the ROCm vLLM container in Docker on this machine: add it, check its flags, start it.'
        }
        addLabel="Add a container"
        adding={adding}
        onAdd={() => setAdding(true)}
      />
      {adding ? (
        <div className="managed-panel">
          <ManagedSpecForm
            key={NEW}
            name={suggestedName || 'vllm-2'}
            isNew
            onCancel={() => setAdding(false)}
            onSaved={(list) => {
              setAdding(false);
              changed(list);
            }}
          />
        </div>
      ) : null}
      {forgetError ? <FormMessage tone="error">{forgetError.message}</FormMessage> : null}
      {managed.length > 0 ? (
        <table className="table lanes-table" data-testid="managed-lanes">
          <colgroup>
            <col className="lanes-col--short" />
            <col className="lanes-col--image" />
            <col className="lanes-col--serves" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th>Name</th>
              <th>Image and model</th>
              <th>Serves as</th>
              <th>Address</th>
            </tr>
          </thead>
          <tbody>
            {managed.map((lane) => {
              const entry = entryOf(entries, lane.name);
              const panel = panels[lane.name] ?? null;
              return (
                <Fragment key={lane.name}>
                  <tr className="managed-row" data-managed={lane.name}>
                    <td>
                      <div className="table__primary lane-row__id">{lane.name}</div>
                    </td>
                    <td>
                      <div className="lane-row__model" title={lane.model}>
                        {lane.model}
                      </div>
                      <div className="lane-row__url" title={lane.image}>
                        {lane.image}
                      </div>
                    </td>
                    <td>
                      <ul className="alias-map">
                        {lane.servedModelNames.map((served) => (
                          <li key={served}>
                            <code title={served}>{served}</code>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <div className="lane-row__url" title={lane.baseUrl}>
                        {lane.baseUrl}
                      </div>
                      <div className="lane-row__origin" title="Docker network">
                        network {lane.network}
                      </div>
                    </td>
                  </tr>
                  <tr className="managed-row__detail" data-managed={lane.name}>
                    <td colSpan={COLUMNS}>
                      <LaneActions
                        name={lane.name}
                        panel={panel}
                        onPanel={(next) => setPanels({ ...panels, [lane.name]: next })}
                        onForget={() => void forget(lane.name)}
                      />
                      {entry.actionError ? (
                        <FormMessage tone="error">{entry.actionError.message}</FormMessage>
                      ) : null}
                      {entry.progress ? <ManagedProgressView progress={entry.progress} /> : null}
                      {panel === 'logs' ? <ManagedLogsView name={lane.name} /> : null}
                      {panel === 'flags' ? (
                        <div className="managed-panel">
                          <ManagedSpecForm
                            name={lane.name}
                            isNew={false}
                            onCancel={() => setPanels({ ...panels, [lane.name]: null })}
                            onSaved={(list) => {
                              setPanels({ ...panels, [lane.name]: null });
                              changed(list);
                              void refresh(client, lane.name);
                            }}
                          />
                        </div>
                      ) : null}
                    </td>
                  </tr>
                </Fragment>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
