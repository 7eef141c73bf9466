import type { RefObject } from 'react';
import { useEffect } from 'react';
import { liveHere, useChatStore } from './chat-store';
import { isModKey } from './keys';

// The page's keys: Ctrl/⌘+N a new chat, Ctrl/⌘+K the search, Esc closes the
// trace or stops the reply on its way. Enter and Shift+Enter belong to the
// composer. A key some other control already handled is left alone.

export function useChatShortcuts(refs: {
  search: RefObject<HTMLInputElement | null>;
  composer: RefObject<HTMLTextAreaElement | null>;
}): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const store = useChatStore.getState();
      if (isModKey(event, 'n')) {
        event.preventDefault();
        store.newChat();
        refs.composer.current?.focus();
      } else if (isModKey(event, 'k')) {
        event.preventDefault();
        refs.search.current?.focus();
        refs.search.current?.select();
      } else if (event.key === 'Escape') {
        if (store.traceId) {
          event.preventDefault();
          store.closeTrace();
        } else if (liveHere(store)) {
          event.preventDefault();
          void store.stop();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [refs.search, refs.composer]);
}
