import { formatBytes, percentOf } from './model-format';
import type { DownloadView } from './model-downloads-store';
import './model-downloads.css';

const PHASE_LABEL = {
  listing: 'Listing files…',
  downloading: 'Downloading',
  installing: 'Installing…',
} as const;

type Running = Extract<DownloadView, { state: 'running' }>;

/** A download's progress bar with bytes, rate and the file arriving now. */
export function ModelProgress({ id, download }: { id: string; download: Running }) {
  const percent = percentOf(download.bytes, download.total);
  const known = download.total > 0 && download.phase !== 'listing';
  return (
    <div className="model-progress" data-testid={`model-progress-${id}`}>
      <div
        className="model-progress__track"
        role="progressbar"
        aria-label={`Downloading ${id}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? percent : undefined}
      >
        <div
          className={
            known ? 'model-progress__fill' : 'model-progress__fill model-progress__fill--unknown'
          }
          style={{ width: known ? `${percent}%` : '30%' }}
        />
      </div>
      <div className="model-progress__text">
        <span>
          {download.phase === 'downloading'
            ? `${formatBytes(download.bytes)} of ${formatBytes(download.total)} · ${percent}%`
            : PHASE_LABEL[download.phase]}
        </span>
        {download.rate !== null && download.phase === 'downloading' ? (
          <span>{formatBytes(download.rate)}/s</span>
        ) : null}
      </div>
      {download.file ? (
        <div className="model-progress__file" title={download.file}>
          {download.file}
        </div>
      ) : null}
    </div>
  );
}
