import { ArrowUp, Square } from 'lucide-react';
import type { RefObject } from 'react';
import { useLayoutEffect } from 'react';
import { liveHere, useChatStore } from './chat-store';
import { KeepLocalToggle } from './KeepLocalToggle';

// Where a message is written: Enter sends, Shift+Enter breaks the line, and
// while a reply streams the send button becomes Stop (Esc does the same).

const MAX_HEIGHT = 240;

export function Composer({ inputRef }: { inputRef: RefObject<HTMLTextAreaElement | null> }) {
  const draft = useChatStore((s) => s.draft);
  const setDraft = useChatStore((s) => s.setDraft);
  const send = useChatStore((s) => s.send);
  const stop = useChatStore((s) => s.stop);
  const live = useChatStore(liveHere);
  const elsewhere = useChatStore((s) => s.live !== null && liveHere(s) === null);
  const threadReady = useChatStore((s) => s.thread.status === 'ready' || s.thread.status === 'new');

  useLayoutEffect(() => {
    const element = inputRef.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(MAX_HEIGHT, element.scrollHeight)}px`;
  }, [draft, inputRef]);

  const canSend = threadReady && !live && !elsewhere && draft.trim() !== '';
  const hint = elsewhere
    ? 'A reply is streaming in another conversation; it can be sent once that one ends.'
    : 'Enter to send · Shift+Enter for a new line';

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <textarea
        ref={inputRef}
        className="composer__input"
        rows={1}
        value={draft}
        placeholder="Message Homelane…"
        aria-label="Message"
        data-testid="composer"
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
          event.preventDefault();
          if (canSend) void send();
        }}
      />
      <div className="composer__bar">
        <KeepLocalToggle />
        <span className="composer__hint">{hint}</span>
        {live ? (
          <button
            type="button"
            className="composer__send is-stop"
            onClick={() => void stop()}
            title="Stop (Esc)"
          >
            <Square size={14} aria-hidden="true" /> Stop
          </button>
        ) : (
          <button type="submit" className="composer__send" disabled={!canSend} title="Send (Enter)">
            <ArrowUp size={15} aria-hidden="true" /> Send
          </button>
        )}
      </div>
    </form>
  );
}
