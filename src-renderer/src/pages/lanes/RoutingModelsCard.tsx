import { useEffect, useState } from 'react';
import type { ApiErrorData, ModelsList, RoutingModel } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';

type State =
  | { status: 'loading' }
  | { status: 'ready'; list: ModelsList }
  | { status: 'error'; error: ApiErrorData };

const STATUS_LABEL: Record<RoutingModel['status'], string> = {
  installed: 'Installed',
  incomplete: 'Incomplete',
  invalid: 'Damaged',
  not_installed: 'Not installed',
};

function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.round(bytes / 1e3)} kB`;
}

/** The on-device routing models: what each serves and whether it is installed here. */
export function RoutingModelsCard() {
  const client = useClient();
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    void client.call('models.list', {}).then((result) => {
      if (!live) return;
      setState(
        result.ok
          ? { status: 'ready', list: result.data }
          : { status: 'error', error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [client]);

  if (state.status === 'loading') return <div className="card muted">Loading routing models…</div>;
  if (state.status === 'error') {
    return (
      <div className="card card--error" role="alert">
        <h2 className="card__title">Routing models could not be listed</h2>
        <p>{state.error.message}</p>
      </div>
    );
  }
  const { models, modelsDir } = state.list;
  const installed = models.filter((m) => m.status === 'installed').length;
  return (
    <div className="card">
      <h2 className="card__title">Routing models</h2>
      <p className="muted">
        {installed === 0
          ? 'None installed: routing runs in lite mode on keywords, structure, context and language; model-based signals report unavailable.'
          : `${installed} of ${models.length} installed.`}
      </p>
      <table className="table" data-testid="routing-models">
        <thead>
          <tr>
            <th>Model</th>
            <th>Serves</th>
            <th>Size</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr key={model.id}>
              <td>
                <div className="table__primary">{model.id}</div>
                <div className="table__secondary">{model.repo}</div>
              </td>
              <td>{model.signals.join(', ')}</td>
              <td className="table__nowrap">
                {formatBytes(model.installedBytes ?? model.approxSizeBytes)}
              </td>
              <td>
                <span className={`badge badge--${model.status}`} title={model.problem ?? undefined}>
                  {STATUS_LABEL[model.status]}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note">
        Download from a terminal with <code>homelane models pull &lt;model&gt;</code>; models live
        in <code>{modelsDir}</code>. Downloading from this page arrives with guided setup.
      </p>
    </div>
  );
}
