import { Eye, RefreshCw } from 'lucide-react';
import { useClient } from '../../api/client-context';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormMessage } from '../../components/FormMessage';
import { VersionView } from './VersionView';
import { useHistoryStore } from './history-store';
import { formatBytes, formatWhen } from './policy-format';
import { isDirty, usePolicyStore } from './policy-store';

/** The versions applied in the app, newest first: read one, or put one back in force. */
export function HistoryPanel() {
  const client = useClient();
  const list = useHistoryStore((s) => s.list);
  const viewing = useHistoryStore((s) => s.viewing);
  const rollback = useHistoryStore((s) => s.rollback);
  const dirty = usePolicyStore(isDirty);

  const rollBack = async (id: string) => {
    const done = await useHistoryStore.getState().rollBack(client, id);
    if (done) await usePolicyStore.getState().loadActive(client);
  };
  const rolledBackName =
    rollback?.done && list.status === 'done' ? list.data.find((v) => v.active)?.name : undefined;

  return (
    <div className="policy-panel" data-testid="policy-history-panel">
      <div className="policy-panel__head">
        <p className="policy-panel__lead">
          Every version applied here is kept; rolling back puts one in force again and keeps the one
          it replaces.
        </p>
        <button
          type="button"
          className="lanes-button lanes-button--small"
          disabled={list.status === 'loading'}
          onClick={() => void useHistoryStore.getState().load(client)}
        >
          <RefreshCw size={13} aria-hidden="true" /> Refresh
        </button>
      </div>
      {list.status === 'loading' ? <p className="muted">Reading the history…</p> : null}
      {list.status === 'error' ? (
        <FormMessage tone="error">The history could not be read: {list.error.message}</FormMessage>
      ) : null}
      {rollback?.error ? (
        <FormMessage tone="error" testId="policy-rollback-error">
          Not rolled back: {rollback.error.message}
        </FormMessage>
      ) : null}
      {rolledBackName ? (
        <FormMessage tone="ok" testId="policy-rollback-result">
          Rolled back: {rolledBackName} is in force again.
        </FormMessage>
      ) : null}
      {list.status === 'done' && list.data.length === 0 ? (
        <p className="muted">Nothing has been applied in the app yet.</p>
      ) : null}
      {list.status === 'done' && list.data.length > 0 ? (
        <table className="table policy-history" data-testid="policy-history-list">
          <thead>
            <tr>
              <th>Version</th>
              <th>Put in force</th>
              <th>Note</th>
              <th className="policy-history__size">Size</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {list.data.map((version) => (
              <tr
                key={version.id}
                data-version-id={version.id}
                className={viewing?.id === version.id ? 'is-viewing' : undefined}
              >
                <td>
                  <span className="table__primary">{version.name}</span>{' '}
                  {version.active ? <span className="badge badge--installed">in force</span> : null}
                  <div className="table__secondary" title={version.source}>
                    {version.source}
                  </div>
                </td>
                <td className="table__nowrap">{formatWhen(version.appliedAt)}</td>
                <td>{version.note ?? <span className="muted">—</span>}</td>
                <td className="policy-history__size">{formatBytes(version.bytes)}</td>
                <td>
                  <div className="button-row policy-history__actions">
                    <button
                      type="button"
                      className="lanes-button lanes-button--small"
                      aria-label={`View ${version.name}`}
                      onClick={() => void useHistoryStore.getState().view(client, version.id)}
                    >
                      <Eye size={13} aria-hidden="true" /> View
                    </button>
                    {version.active ? null : (
                      <ConfirmButton
                        label="Roll back"
                        ariaLabel={`Roll back to ${version.name}`}
                        question={
                          dirty ? 'Put it in force? Unsaved edits are dropped.' : 'Put it in force?'
                        }
                        confirmLabel="Roll back"
                        disabled={rollback?.pending}
                        onConfirm={() => void rollBack(version.id)}
                      />
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {viewing ? <VersionView /> : null}
    </div>
  );
}
