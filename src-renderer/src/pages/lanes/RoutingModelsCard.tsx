import { Download } from 'lucide-react';
import { useClient } from '../../api/client-context';
import { ModelActions } from './ModelActions';
import { RoutingModelsPlaceholder } from './RoutingModelsPlaceholder';
import { formatBytes } from './model-format';
import { useModelDownloads } from './model-downloads-store';
import { useRoutingModels } from './useRoutingModels';

/** The on-device routing models: what each serves, whether it is installed, download and verify. */
export function RoutingModelsCard() {
  const client = useClient();
  const state = useRoutingModels();
  const downloads = useModelDownloads((s) => s.downloads);
  const pull = useModelDownloads((s) => s.pull);

  if (state.status !== 'ready') return <RoutingModelsPlaceholder state={state} />;
  const { models, modelsDir } = state.list;
  const installed = models.filter((m) => m.status === 'installed').length;
  const missing = models.filter(
    (m) => m.status !== 'installed' && downloads[m.id]?.state !== 'running',
  );
  return (
    <div className="card">
      <div className="lanes-card__header">
        <h2 className="card__title">Routing models</h2>
        {missing.length > 0 ? (
          <button
            type="button"
            className="lanes-button"
            onClick={() =>
              void pull(
                client,
                missing.map((m) => m.id),
              )
            }
          >
            <Download size={14} aria-hidden="true" />
            <span>Download {missing.length === models.length ? 'all' : 'the missing ones'}</span>
          </button>
        ) : null}
      </div>
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
            <tr key={model.id} data-model-id={model.id}>
              <td>
                <div className="table__primary">{model.id}</div>
                <div className="table__secondary">{model.repo}</div>
              </td>
              <td>{model.signals.join(', ')}</td>
              <td className="table__nowrap">
                {formatBytes(model.installedBytes ?? model.approxSizeBytes)}
              </td>
              <td>
                <ModelActions model={model} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note">
        Models are downloaded from the Hugging Face hub (or the mirror in <code>HF_ENDPOINT</code>
        ), checked against their published hashes and kept in <code>{modelsDir}</code>. From a
        terminal: <code>homelane models pull &lt;model&gt;</code>.
      </p>
    </div>
  );
}
