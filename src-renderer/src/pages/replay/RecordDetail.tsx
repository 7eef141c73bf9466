import { Route, X } from 'lucide-react';
import { TraceDetails } from '../chat/TraceDetails';
import { TraceSummary } from '../chat/TraceSummary';
import '../chat/chat-trace.css';
import { RecordBodies } from './RecordBodies';
import { useReplayStore } from './replay-store';

// The open record beside the list: the chat page's trace card and details,
// then the stored bodies.

export function RecordDetail() {
  const detail = useReplayStore((s) => s.detail);
  const close = useReplayStore((s) => s.close);
  const open = useReplayStore((s) => s.open);
  if (!detail) return null;

  let body;
  if (detail.status === 'loading') {
    body = (
      <p className="muted" role="status">
        Reading the routing record…
      </p>
    );
  } else if (detail.status === 'error') {
    body = (
      <div className="card card--error" role="alert">
        <h3 className="card__title">The routing record could not be read</h3>
        <p>{detail.error.message}</p>
        <button type="button" className="lanes-button" onClick={() => void open(detail.id)}>
          Try again
        </button>
      </div>
    );
  } else {
    body = (
      <>
        <TraceSummary record={detail.record} />
        <TraceDetails record={detail.record} />
        <RecordBodies record={detail.record} />
      </>
    );
  }

  return (
    <aside className="replay-detail" aria-label="Routing record" data-testid="replay-detail">
      <header className="replay-detail__head">
        <Route size={16} aria-hidden="true" />
        <div className="replay-detail__heading">
          <h2>Routing record</h2>
          <code>{detail.id}</code>
        </div>
        <button
          type="button"
          className="lanes-button lanes-button--small"
          aria-label="Close the record"
          onClick={close}
        >
          <X size={14} aria-hidden="true" />
        </button>
      </header>
      <div className="replay-detail__body">{body}</div>
    </aside>
  );
}
