import { useEffect, useRef } from 'react';
import { useClient } from '../../api/client-context';
import { ChatHeader } from './ChatHeader';
import { useChatStore } from './chat-store';
import { Composer } from './Composer';
import { ConversationList } from './ConversationList';
import { MessageList } from './MessageList';
import { TraceDrawer } from './TraceDrawer';
import { useChatShortcuts } from './use-chat-shortcuts';
import './chat.css';
import './chat-thread.css';
import './chat-markdown.css';
import './chat-composer.css';
import './chat-notices.css';
import './chat-trace.css';

// Chat: the conversations on the left, the open one in the middle with its
// composer, and a reply's routing trace on the right when its badge is opened.

export function ChatPage() {
  const client = useClient();
  const attach = useChatStore((s) => s.attach);
  const tracing = useChatStore((s) => s.traceId !== null);
  const search = useRef<HTMLInputElement>(null);
  const composer = useRef<HTMLTextAreaElement>(null);

  useEffect(() => attach(client), [attach, client]);
  useEffect(() => composer.current?.focus(), []);
  useChatShortcuts({ search, composer });

  return (
    <div className={tracing ? 'chat is-tracing' : 'chat'}>
      <ConversationList searchRef={search} />
      <section className="chat-main" aria-label="Conversation">
        <ChatHeader />
        <MessageList />
        <Composer inputRef={composer} />
      </section>
      <TraceDrawer />
    </div>
  );
}
