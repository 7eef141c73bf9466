import { CircleAlert, MessageSquare } from 'lucide-react';
import { useLayoutEffect, useRef } from 'react';
import { liveHere, useChatStore } from './chat-store';
import { modKeyLabel } from './keys';
import { MessageItem } from './MessageItem';
import { TurnNotice } from './TurnNotice';
import { visibleMessages } from './turn-apply';

// The open thread: its messages, the answer streaming in, and how the last
// turn ended. It follows the stream while the person is at the bottom, and
// leaves them be once they scroll up to read.

function NewChat() {
  const mod = modKeyLabel();
  return (
    <div className="chat-empty" data-testid="chat-empty">
      <div className="chat-empty__icon" aria-hidden="true">
        <MessageSquare size={26} strokeWidth={1.6} />
      </div>
      <h2 className="chat-empty__title">Ask anything</h2>
      <p>
        Every message is routed before any model sees it. The badge under each reply says which
        decision chose it, which lane answered, whether it stayed private, and what it cost.
      </p>
      <ul className="chat-keys" aria-label="Keyboard shortcuts">
        <li>
          <kbd>Enter</kbd> send
        </li>
        <li>
          <kbd>Shift</kbd>+<kbd>Enter</kbd> new line
        </li>
        <li>
          <kbd>Esc</kbd> stop
        </li>
        <li>
          <kbd>{mod}</kbd>+<kbd>N</kbd> new chat
        </li>
        <li>
          <kbd>{mod}</kbd>+<kbd>K</kbd> search
        </li>
      </ul>
    </div>
  );
}

function ThreadSkeleton() {
  return (
    <div className="chat-thread__skeleton" aria-label="Loading the conversation" role="status">
      <span className="chat-skeleton chat-skeleton--right" />
      <span className="chat-skeleton chat-skeleton--wide" />
      <span className="chat-skeleton chat-skeleton--right" />
      <span className="chat-skeleton chat-skeleton--wide" />
    </div>
  );
}

export function MessageList() {
  const thread = useChatStore((s) => s.thread);
  const live = useChatStore(liveHere);
  const turnError = useChatStore((s) => s.turnError);
  const activeId = useChatStore((s) => s.activeId);
  const open = useChatStore((s) => s.open);
  const regenerate = useChatStore((s) => s.regenerate);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  const messages = thread.status === 'ready' ? visibleMessages(thread.value, live) : [];
  const lastAnswer = messages.findLastIndex((m) => m.role === 'assistant' && m.remembered === null);
  const lastContent = `${messages.length}:${messages.at(-1)?.content.length ?? 0}:${turnError?.code ?? ''}`;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [lastContent]);

  let body;
  if (thread.status === 'loading') body = <ThreadSkeleton />;
  else if (thread.status === 'error') {
    body = (
      <div className="chat-notice chat-notice--error" role="alert">
        <CircleAlert size={18} aria-hidden="true" className="chat-notice__icon" />
        <div className="chat-notice__body">
          <h2 className="chat-notice__title">This conversation could not be opened</h2>
          <p>{thread.error.message}</p>
          {activeId ? (
            <div className="chat-notice__actions">
              <button type="button" className="chat-button" onClick={() => void open(activeId)}>
                Try again
              </button>
            </div>
          ) : null}
        </div>
      </div>
    );
  } else if (messages.length === 0 && !turnError) body = <NewChat />;
  else {
    const last = messages.at(-1);
    body = (
      <>
        {messages.map((message, index) => (
          <MessageItem
            key={message.key}
            message={message}
            last={index === lastAnswer && index === messages.length - 1}
            turnError={turnError}
            onRegenerate={live ? null : () => void regenerate()}
          />
        ))}
        <TurnNotice error={turnError} unanswered={!live && last?.role === 'user'} />
      </>
    );
  }

  return (
    <div
      className="chat-thread"
      ref={scroller}
      data-testid="chat-thread"
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
      }}
    >
      <div className="chat-thread__inner">{body}</div>
    </div>
  );
}
