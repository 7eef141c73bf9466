import { CircleAlert, Cloud, House, RefreshCw, Route, Square } from 'lucide-react';
import type { ChatErrorKind } from '../../../../src-main/contract';
import { useChatStore } from './chat-store';
import type { TurnError } from './chat-types';

// What the thread says after its last message when the turn did not end with
// an answer: a clear error with what can be done, the "ask" prompt before a
// cloud lane is used, a stop before any word, or a question left unanswered.

const TITLES: Record<ChatErrorKind | 'request', string> = {
  routing: 'This message could not be routed',
  no_lane: 'No lane could take this message',
  lane: 'The lane failed while answering',
  internal: 'Something went wrong',
  request: 'The request was refused',
};

function AskPrompt() {
  const regenerate = useChatStore((s) => s.regenerate);
  const setKeepLocal = useChatStore((s) => s.setKeepLocal);
  const dismiss = useChatStore((s) => s.dismissTurnError);
  return (
    <section className="chat-notice chat-notice--ask" role="alert" data-testid="ask-prompt">
      <Cloud size={18} aria-hidden="true" className="chat-notice__icon" />
      <div className="chat-notice__body">
        <h2 className="chat-notice__title">Send this message to a cloud lane?</h2>
        <p>
          Only a cloud lane can answer it, and cloud use is set to ask first. The message is not
          private, and nothing has left this machine yet.
        </p>
        <div className="chat-notice__actions">
          <button
            type="button"
            className="chat-button chat-button--primary"
            onClick={() => void regenerate(true)}
          >
            <Cloud size={14} aria-hidden="true" /> Send to the cloud once
          </button>
          <button
            type="button"
            className="chat-button"
            onClick={() => void setKeepLocal(true).then(dismiss)}
          >
            <House size={14} aria-hidden="true" /> Keep this chat local
          </button>
        </div>
      </div>
    </section>
  );
}

/** What the person can do about a refusal, where the message alone does not say. */
function hintFor(error: TurnError, keepLocal: boolean): string | null {
  if (error.code === 'refused_by_guard' && keepLocal) {
    return 'This chat is kept local, and no lane on this machine or your network serves it. Switch "Keep local" off to let the policy choose, or add a local lane.';
  }
  if (error.code === 'refused_by_guard') {
    return "Cloud lanes are turned off in Homelane's settings, and no local or LAN lane serves this message.";
  }
  return null;
}

function ErrorCard({ error }: { error: TurnError }) {
  const regenerate = useChatStore((s) => s.regenerate);
  const keepLocal = useChatStore((s) => s.keepLocal);
  const hint = hintFor(error, keepLocal);
  const openTrace = useChatStore((s) => s.openTrace);
  const dismiss = useChatStore((s) => s.dismissTurnError);
  const canRetry = error.kind !== 'request' || error.code === 'transport';
  return (
    <section className="chat-notice chat-notice--error" role="alert" data-testid="turn-error">
      <CircleAlert size={18} aria-hidden="true" className="chat-notice__icon" />
      <div className="chat-notice__body">
        <h2 className="chat-notice__title">{TITLES[error.kind]}</h2>
        <p>{error.message}</p>
        {hint ? <p className="chat-notice__hint">{hint}</p> : null}
        {error.partialKept ? (
          <p className="muted">What came before it broke off is kept above.</p>
        ) : null}
        <p className="chat-notice__detail">
          Code <code>{error.code}</code>
        </p>
        <div className="chat-notice__actions">
          {canRetry ? (
            <button
              type="button"
              className="chat-button chat-button--primary"
              onClick={() => void regenerate()}
            >
              <RefreshCw size={14} aria-hidden="true" /> Try again
            </button>
          ) : null}
          {error.recordId ? (
            <button
              type="button"
              className="chat-button"
              onClick={() => openTrace(error.recordId as string)}
            >
              <Route size={14} aria-hidden="true" /> Open the trace
            </button>
          ) : null}
          <button type="button" className="chat-button chat-button--quiet" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      </div>
    </section>
  );
}

interface TurnNoticeProps {
  error: TurnError | null;
  /** The thread ends with a question and nothing is answering it. */
  unanswered: boolean;
}

export function TurnNotice({ error, unanswered }: TurnNoticeProps) {
  const regenerate = useChatStore((s) => s.regenerate);
  if (error?.code === 'needs_confirmation') return <AskPrompt />;
  if (error?.code === 'aborted') {
    if (error.partialKept) return null;
    return (
      <p className="chat-quiet-note" data-testid="stopped-note">
        <Square size={12} aria-hidden="true" /> Stopped before any answer came.
        <button type="button" className="chat-link-button" onClick={() => void regenerate()}>
          Answer it now
        </button>
      </p>
    );
  }
  if (error) return <ErrorCard error={error} />;
  if (!unanswered) return null;
  return (
    <p className="chat-quiet-note" data-testid="unanswered-note">
      No answer is stored for this message.
      <button type="button" className="chat-link-button" onClick={() => void regenerate()}>
        Answer it now
      </button>
    </p>
  );
}
