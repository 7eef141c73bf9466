import { CircleAlert, RefreshCw } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useClient } from '../../api/client-context';
import { formatTime } from './lane-format';
import { entryOf, useManagedStore } from './managed-store';

/** The container's last lines, newest at the bottom, read again on demand. */
export function ManagedLogsView({ name }: { name: string }) {
  const client = useClient();
  const entry = useManagedStore((s) => entryOf(s.entries, name));
  const loadLogs = useManagedStore((s) => s.loadLogs);
  const bottom = useRef<HTMLPreElement>(null);

  useEffect(() => {
    void loadLogs(client, name);
  }, [client, name, loadLogs]);
  useEffect(() => {
    const element = bottom.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [entry.logs]);

  return (
    <div className="managed-logs" data-testid="managed-logs">
      <div className="managed-logs__bar">
        <span className="field__label">
          {entry.logs
            ? `Last ${entry.logs.length} ${entry.logs.length === 1 ? 'line' : 'lines'}`
            : 'Last lines'}
          {entry.logsAt ? ` · read at ${formatTime(entry.logsAt)}` : ''}
        </span>
        <button
          type="button"
          className="lanes-button lanes-button--small"
          disabled={entry.logsLoading}
          onClick={() => void loadLogs(client, name)}
        >
          <RefreshCw
            size={12}
            aria-hidden="true"
            className={entry.logsLoading ? 'lanes-spin' : undefined}
          />
          <span>Refresh</span>
        </button>
      </div>
      {entry.logsError ? (
        <p className="form-message form-message--error" role="alert">
          <CircleAlert size={14} aria-hidden="true" /> {entry.logsError.message}
        </p>
      ) : entry.logs === null ? (
        <p className="muted">Reading the logs…</p>
      ) : entry.logs.length === 0 ? (
        <p className="muted">The container has written nothing yet.</p>
      ) : (
        <pre className="managed-logs__text" ref={bottom} tabIndex={0} aria-label={`${name} logs`}>
          {entry.logs.map((line, index) => (
            <span
              key={index}
              className={line.stream === 'stderr' ? 'managed-logs__line--stderr' : undefined}
            >
              {line.line}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
    </div>
  );
}
