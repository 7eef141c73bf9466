import { X } from 'lucide-react';
import { useReplayImportStore } from './replay-import-store';

// What the last import did: how many records it read and kept, and each
// refused line with its problem; or why the file could not be imported.

export function ImportReport() {
  const state = useReplayImportStore((s) => s.state);
  const dismiss = useReplayImportStore((s) => s.dismiss);
  if (state.status === 'idle') return null;
  if (state.status === 'running') {
    return (
      <p className="muted replay-import" role="status">
        Importing {state.fileName}…
      </p>
    );
  }
  const close = (
    <button
      type="button"
      className="lanes-button lanes-button--small"
      aria-label="Dismiss"
      onClick={dismiss}
    >
      <X size={14} aria-hidden="true" />
    </button>
  );
  if (state.status === 'error') {
    return (
      <div
        className="card card--error replay-import"
        role="alert"
        data-testid="replay-import-report"
      >
        <div className="replay-import__head">
          <strong>{state.fileName} could not be imported</strong>
          {close}
        </div>
        <p>{state.error.message}</p>
      </div>
    );
  }
  const { report } = state;
  return (
    <div
      className={report.rejected > 0 ? 'card card--error replay-import' : 'card replay-import'}
      role="status"
      data-testid="replay-import-report"
    >
      <div className="replay-import__head">
        <strong>
          {report.fileName}: {report.imported} imported
          {report.skipped > 0 ? `, ${report.skipped} already there` : ''}
          {report.rejected > 0 ? `, ${report.rejected} refused` : ''} of {report.read}
        </strong>
        {close}
      </div>
      <p className="muted">
        Kept apart from this machine&apos;s records as the set <code>{report.name}</code> (exported{' '}
        {new Date(report.exportedAt).toLocaleString()} by Homelane {report.appVersion}).
      </p>
      {report.problems.length > 0 ? (
        <ul className="replay-import__problems">
          {report.problems.map((problem, index) => (
            <li key={index}>
              <code>line {problem.line}</code> {problem.field}: {problem.problem}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
