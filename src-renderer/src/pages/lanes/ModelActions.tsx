import { CheckCircle2, Download, ShieldCheck, XCircle } from 'lucide-react';
import type { RoutingModel } from '../../../../src-main/contract';
import { useClient } from '../../api/client-context';
import { ModelProgress } from './ModelProgress';
import { MODEL_STATUS_LABEL } from './model-format';
import { useModelDownloads } from './model-downloads-store';

/** A routing model's state and what can be done with it: download (with progress) or verify. */
export function ModelActions({ model }: { model: RoutingModel }) {
  const client = useClient();
  const download = useModelDownloads((s) => s.downloads[model.id]);
  const verifying = useModelDownloads((s) => s.verifies[model.id]);
  const pull = useModelDownloads((s) => s.pull);
  const verify = useModelDownloads((s) => s.verify);

  if (download?.state === 'running') return <ModelProgress id={model.id} download={download} />;

  const installed = model.status === 'installed';
  return (
    <div className="model-actions">
      <span className={`badge badge--${model.status}`} title={model.problem ?? undefined}>
        {MODEL_STATUS_LABEL[model.status]}
      </span>
      {installed ? (
        <button
          type="button"
          className="lanes-button lanes-button--small"
          disabled={verifying?.state === 'running'}
          onClick={() => void verify(client, model.id)}
        >
          <ShieldCheck size={13} aria-hidden="true" />
          <span>{verifying?.state === 'running' ? 'Verifying…' : 'Verify'}</span>
        </button>
      ) : (
        <button
          type="button"
          className="lanes-button lanes-button--small"
          onClick={() => void pull(client, [model.id])}
        >
          <Download size={13} aria-hidden="true" />
          <span>{download?.state === 'failed' ? 'Retry' : 'Download'}</span>
        </button>
      )}
      {download?.state === 'failed' ? (
        <div className="model-actions__error" role="alert">
          <XCircle size={13} aria-hidden="true" /> {download.error.message}{' '}
          <code>{download.error.code}</code>
        </div>
      ) : null}
      {verifying?.state === 'done' ? (
        verifying.result.ok ? (
          <div className="model-actions__ok">
            <CheckCircle2 size={13} aria-hidden="true" /> Every file matches its download.
          </div>
        ) : (
          <div className="model-actions__error" role="alert">
            <XCircle size={13} aria-hidden="true" />{' '}
            {verifying.result.problem ??
              verifying.result.files
                .filter((file) => file.status !== 'ok')
                .map((file) => `${file.path}: ${file.status.replace('_', ' ')}`)
                .join(', ')}
          </div>
        )
      ) : null}
      {verifying?.state === 'failed' ? (
        <div className="model-actions__error" role="alert">
          {verifying.error.message}
        </div>
      ) : null}
    </div>
  );
}
