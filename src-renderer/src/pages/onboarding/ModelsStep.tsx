import { Download } from 'lucide-react';
import { useState } from 'react';
import { useClient } from '../../api/client-context';
import { ModelActions } from '../lanes/ModelActions';
import { RoutingModelsPlaceholder } from '../lanes/RoutingModelsPlaceholder';
import { formatBytes } from '../lanes/model-format';
import { useModelDownloads } from '../lanes/model-downloads-store';
import { useRoutingModels } from '../lanes/useRoutingModels';

/** Step 3: the on-device routing models, downloaded with progress; optional (lite mode without). */
export function ModelsStep() {
  const client = useClient();
  const state = useRoutingModels();
  const downloads = useModelDownloads((s) => s.downloads);
  const pull = useModelDownloads((s) => s.pull);
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());

  if (state.status !== 'ready') return <RoutingModelsPlaceholder state={state} />;
  const { models } = state.list;
  const wanted = models.filter(
    (m) => m.status !== 'installed' && downloads[m.id]?.state !== 'running' && !unchecked.has(m.id),
  );
  const size = wanted.reduce((sum, m) => sum + m.approxSizeBytes, 0);
  const toggle = (id: string) =>
    setUnchecked((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="card" data-testid="onboarding-models">
      <div className="lanes-card__header">
        <div>
          <h2 className="card__title">Download routing models</h2>
          <p className="muted onb-lead">
            Small on-device classifiers and embeddings that read each request: domain, jailbreak,
            personal data, and more. Without them Homelane routes on keywords, structure, context
            and language only. Downloads go on while you continue.
          </p>
        </div>
        <button
          type="button"
          className="lanes-button lanes-button--primary"
          disabled={wanted.length === 0}
          onClick={() =>
            void pull(
              client,
              wanted.map((m) => m.id),
            )
          }
        >
          <Download size={14} aria-hidden="true" />
          <span>
            {wanted.length === 0
              ? 'Nothing selected'
              : `Download ${wanted.length} (${formatBytes(size)})`}
          </span>
        </button>
      </div>
      <table className="table onb-models">
        <thead>
          <tr>
            <th aria-label="Selected" />
            <th>Model</th>
            <th>Serves</th>
            <th>Size</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => {
            const selectable =
              model.status !== 'installed' && downloads[model.id]?.state !== 'running';
            return (
              <tr key={model.id} data-model-id={model.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Download ${model.id}`}
                    disabled={!selectable}
                    checked={selectable && !unchecked.has(model.id)}
                    onChange={() => toggle(model.id)}
                  />
                </td>
                <td>
                  <div className="table__primary">{model.id}</div>
                  <div className="onb-models__about" title={model.description}>
                    {shortDescription(model.description)}
                  </div>
                </td>
                <td>{model.signals.join(', ')}</td>
                <td className="table__nowrap">
                  {formatBytes(model.installedBytes ?? model.approxSizeBytes)}
                </td>
                <td className="onb-models__state">
                  <ModelActions model={model} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The first phrase of a catalog description ("mmBERT-32K prompt guard"), for people. */
export function shortDescription(description: string): string {
  const first = description.split(/\s[(;]|[;.]\s/)[0] ?? description;
  return first.length > 90 ? `${first.slice(0, 89)}…` : first;
}
