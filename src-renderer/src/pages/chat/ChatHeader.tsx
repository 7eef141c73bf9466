import { Download, TriangleAlert, X } from 'lucide-react';
import { ActionMenu } from './ActionMenu';
import { titleOrUntitled } from './chat-format';
import { useChatStore } from './chat-store';
import { exportActions } from './export-actions';

// The open chat's title and standing, its export menu, and a notice when
// something the person asked for (rename, delete, export, keep local) failed.

function Notice() {
  const notice = useChatStore((s) => s.notice);
  const dismiss = useChatStore((s) => s.dismissNotice);
  if (!notice) return null;
  return (
    <div className="chat-banner" role="alert" data-testid="chat-notice">
      <TriangleAlert size={16} aria-hidden="true" />
      <div>
        <strong>{notice.title}.</strong> {notice.message}
      </div>
      <button type="button" className="chat-icon-button" aria-label="Dismiss" onClick={dismiss}>
        <X size={14} aria-hidden="true" />
      </button>
    </div>
  );
}

export function ChatHeader() {
  const activeId = useChatStore((s) => s.activeId);
  const summary = useChatStore((s) =>
    s.list.status === 'ready' ? s.list.value.find((item) => item.id === s.activeId) : undefined,
  );
  const exportAs = useChatStore((s) => s.exportAs);
  const title = activeId === null ? 'New chat' : titleOrUntitled(summary?.title ?? '');
  const meta =
    activeId === null
      ? 'Every message is routed before any model sees it.'
      : summary?.private
        ? 'Private: this conversation stays on local and LAN lanes.'
        : summary?.keepLocal
          ? 'Kept local: only lanes on this machine or your network answer it.'
          : 'The policy chooses the lane for each message.';
  return (
    <>
      <header className="chat-head">
        <div className="chat-head__text">
          <h1 className="chat-head__title" data-testid="chat-title">
            {title}
          </h1>
          <p className="chat-head__meta">{meta}</p>
        </div>
        {activeId !== null && summary ? (
          <ActionMenu
            label="Export this conversation"
            className="chat-button"
            actions={exportActions((format) => void exportAs(activeId, format))}
          >
            <Download size={14} aria-hidden="true" /> Export
          </ActionMenu>
        ) : null}
      </header>
      <Notice />
    </>
  );
}
