import { Route, X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useChatStore } from './chat-store';
import { TraceDetails } from './TraceDetails';
import { TraceSummary } from './TraceSummary';

// A reply's full routing trace, opened from its badge, beside the thread.

export function TraceDrawer() {
  const traceId = useChatStore((s) => s.traceId);
  const state = useChatStore((s) => (s.traceId ? s.records[s.traceId] : undefined));
  const close = useChatStore((s) => s.closeTrace);
  const ensureRecord = useChatStore((s) => s.ensureRecord);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (traceId) closeButton.current?.focus();
  }, [traceId]);

  if (!traceId) return null;
  let body;
  if (!state || state.status === 'loading') {
    body = (
      <p className="muted" role="status">
        Reading the routing record…
      </p>
    );
  } else if (state.status === 'error') {
    body = (
      <div className="chat-notice chat-notice--error" role="alert">
        <div className="chat-notice__body">
          <h3 className="chat-notice__title">The routing record could not be read</h3>
          <p>{state.error.message}</p>
          <div className="chat-notice__actions">
            <button type="button" className="chat-button" onClick={() => ensureRecord(traceId)}>
              Try again
            </button>
          </div>
        </div>
      </div>
    );
  } else {
    body = (
      <>
        <TraceSummary record={state.value} />
        <TraceDetails record={state.value} />
      </>
    );
  }
  return (
    <aside
      className="trace-drawer"
      role="dialog"
      aria-label="Routing trace"
      data-testid="trace-drawer"
    >
      <header className="trace-drawer__head">
        <Route size={16} aria-hidden="true" />
        <div className="trace-drawer__heading">
          <h2>Routing trace</h2>
          <code title="Record id">{traceId}</code>
        </div>
        <button
          ref={closeButton}
          type="button"
          className="chat-icon-button"
          aria-label="Close the trace (Esc)"
          title="Close (Esc)"
          onClick={close}
        >
          <X size={16} aria-hidden="true" />
        </button>
      </header>
      <div className="trace-drawer__body">{body}</div>
    </aside>
  );
}
