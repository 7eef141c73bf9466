import { Brain, FileText, RefreshCw, Sparkles } from 'lucide-react';
import type { ChatMessage, TurnError } from './chat-types';
import { CopyButton } from './CopyButton';
import { Markdown } from './Markdown';
import { RoutingBadge } from './RoutingBadge';

interface MessageItemProps {
  message: ChatMessage;
  /** The last answer of the thread, which may be regenerated. */
  last: boolean;
  /** The last turn's ending, to say why the last answer is partial. */
  turnError: TurnError | null;
  onRegenerate: (() => void) | null;
}

function partialNote(last: boolean, turnError: TurnError | null): string {
  if (last && turnError?.code === 'aborted')
    return 'You stopped this answer; the part that came is kept.';
  if (last && turnError) return 'This answer broke off; the part that came is kept.';
  return 'This answer stopped early; the part that came is kept.';
}

function Question({ message }: { message: ChatMessage }) {
  return (
    <div className="chat-msg chat-msg--user" data-role="user" data-message-key={message.key}>
      <div className="chat-msg__bubble">
        <div className="chat-msg__text">{message.content}</div>
        {message.attachments.length > 0 ? (
          <ul className="chat-msg__files" aria-label="Files sent with the message">
            {message.attachments.map((file) => (
              <li key={file.name} className="chat-file" title={`${file.text.length} characters`}>
                <FileText size={12} aria-hidden="true" /> {file.name}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

export function MessageItem({ message, last, turnError, onRegenerate }: MessageItemProps) {
  if (message.role === 'user') return <Question message={message} />;
  if (message.remembered !== null) {
    return (
      <div className="chat-msg chat-msg--note" data-role="remembered">
        <Sparkles size={14} aria-hidden="true" />
        <span>
          Kept in personal memory, on this machine only: <q>{message.remembered}</q>
        </span>
      </div>
    );
  }
  const streaming = message.status === 'streaming';
  const waiting = streaming && message.content === '' && message.reasoning === '';
  return (
    <article
      className="chat-msg chat-msg--assistant"
      data-role="assistant"
      data-status={message.status}
      data-message-key={message.key}
      aria-busy={streaming}
    >
      {message.reasoning !== '' ? (
        <details className="chat-msg__reasoning">
          <summary>
            <Brain size={13} aria-hidden="true" /> Reasoning
          </summary>
          <div className="chat-msg__reasoning-text">{message.reasoning}</div>
        </details>
      ) : null}
      {waiting ? (
        <div className="chat-msg__waiting" role="status">
          <span className="chat-dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          Waiting for the first words…
        </div>
      ) : (
        <Markdown text={message.content} />
      )}
      {streaming && !waiting ? <span className="chat-caret" aria-hidden="true" /> : null}
      {message.status === 'partial' ? (
        <p className="chat-msg__partial" data-testid="partial-marker">
          {partialNote(last, turnError)}
        </p>
      ) : null}
      <footer className="chat-msg__foot">
        <RoutingBadge message={message} />
        {!streaming ? (
          <span className="chat-msg__actions">
            <CopyButton label="Copy answer" text={() => message.content} />
            {last && onRegenerate ? (
              <button
                type="button"
                className="chat-icon-button"
                title="Answer again (replaces this answer)"
                onClick={onRegenerate}
              >
                <RefreshCw size={14} aria-hidden="true" />
                <span className="chat-icon-button__text">Regenerate</span>
              </button>
            ) : null}
          </span>
        ) : null}
      </footer>
    </article>
  );
}
