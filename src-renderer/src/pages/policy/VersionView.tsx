import { X } from 'lucide-react';
import { useMemo } from 'react';
import { FormMessage } from '../../components/FormMessage';
import { useHistoryStore } from './history-store';
import { formatWhen } from './policy-format';

/** One version's YAML, read-only, with line numbers. */
export function VersionView() {
  const viewing = useHistoryStore((s) => s.viewing);
  const closeView = useHistoryStore((s) => s.closeView);
  const text = viewing?.state.status === 'done' ? viewing.state.data.yaml : '';
  const lines = useMemo(() => text.replace(/\n$/, '').split('\n'), [text]);
  if (!viewing) return null;
  const { state } = viewing;
  return (
    <section className="policy-version" aria-label="Version" data-testid="policy-version-view">
      <div className="policy-panel__head">
        <h3 className="policy-panel__title">
          {state.status === 'done'
            ? `${state.data.version.name} · ${formatWhen(state.data.version.appliedAt)}`
            : 'Version'}
        </h3>
        <button
          type="button"
          className="lanes-button lanes-button--small"
          aria-label="Close the version"
          onClick={closeView}
        >
          <X size={13} aria-hidden="true" /> Close
        </button>
      </div>
      {state.status === 'loading' ? <p className="muted">Reading the version…</p> : null}
      {state.status === 'error' ? (
        <FormMessage tone="error">It could not be read: {state.error.message}</FormMessage>
      ) : null}
      {state.status === 'done' ? (
        <pre className="policy-version__text" tabIndex={0}>
          <code>
            {lines.map((line, index) => (
              <span key={index} className="policy-version__line">
                {line === '' ? ' ' : line}
                {'\n'}
              </span>
            ))}
          </code>
        </pre>
      ) : null}
    </section>
  );
}
