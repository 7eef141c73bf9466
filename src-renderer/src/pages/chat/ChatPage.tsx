import { MessageSquare } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function ChatPage() {
  return (
    <>
      <PageHeader title="Chat" subtitle="Every message is routed before any model sees it." />
      <EmptyState icon={MessageSquare} title="No conversations yet">
        <p>
          Replies will carry a routing badge — decision, model, lane, and whether the request stayed
          on this machine.
        </p>
        <p className="muted">Chat needs a model lane; none is set up yet.</p>
      </EmptyState>
    </>
  );
}
