import { Search, SquarePen, X } from 'lucide-react';
import type { RefObject } from 'react';
import { searchConversations } from './chat-format';
import { useChatStore } from './chat-store';
import { ConversationItem } from './ConversationItem';
import { modKeyLabel } from './keys';

// The conversations kept on this machine, newest first, with a title search
// and the "New chat" button.

function ListBody() {
  const list = useChatStore((s) => s.list);
  const query = useChatStore((s) => s.query);
  const activeId = useChatStore((s) => s.activeId);
  const setQuery = useChatStore((s) => s.setQuery);
  const loadList = useChatStore((s) => s.loadList);

  if (list.status === 'loading') {
    return (
      <div className="chat-side__state" role="status" aria-label="Loading conversations">
        {[0, 1, 2, 3].map((row) => (
          <span key={row} className="chat-skeleton chat-skeleton--item" />
        ))}
      </div>
    );
  }
  if (list.status === 'error') {
    return (
      <div className="chat-side__state chat-side__state--error" role="alert">
        <p>Conversations could not be listed.</p>
        <p className="muted">{list.error.message}</p>
        <button type="button" className="chat-button" onClick={() => void loadList()}>
          Try again
        </button>
      </div>
    );
  }
  if (list.value.length === 0) {
    return (
      <div className="chat-side__state" data-testid="no-conversations">
        <p>No conversations yet.</p>
        <p className="muted">Your first message starts one; it is kept on this machine.</p>
      </div>
    );
  }
  const found = searchConversations(list.value, query);
  if (found.length === 0) {
    return (
      <div className="chat-side__state" data-testid="no-matches">
        <p>
          No title matches <q>{query}</q>.
        </p>
        <button type="button" className="chat-link-button" onClick={() => setQuery('')}>
          Clear the search
        </button>
      </div>
    );
  }
  return (
    <ul className="chat-side__list" aria-label="Conversations">
      {found.map((item) => (
        <ConversationItem key={item.id} item={item} active={item.id === activeId} />
      ))}
    </ul>
  );
}

export function ConversationList({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const query = useChatStore((s) => s.query);
  const setQuery = useChatStore((s) => s.setQuery);
  const newChat = useChatStore((s) => s.newChat);
  const mod = modKeyLabel();
  return (
    <aside className="chat-side" aria-label="Conversations">
      <button type="button" className="chat-new" data-testid="new-chat" onClick={newChat}>
        <SquarePen size={15} aria-hidden="true" /> New chat
        <kbd>{mod} N</kbd>
      </button>
      <div className="chat-search">
        <Search size={14} aria-hidden="true" />
        <input
          ref={searchRef}
          type="search"
          value={query}
          placeholder="Search titles"
          aria-label="Search conversations by title"
          data-testid="chat-search"
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && query !== '') {
              event.preventDefault();
              setQuery('');
            }
          }}
        />
        {query === '' ? (
          <kbd>{mod} K</kbd>
        ) : (
          <button
            type="button"
            className="chat-search__clear"
            aria-label="Clear the search"
            onClick={() => setQuery('')}
          >
            <X size={13} aria-hidden="true" />
          </button>
        )}
      </div>
      <ListBody />
    </aside>
  );
}
