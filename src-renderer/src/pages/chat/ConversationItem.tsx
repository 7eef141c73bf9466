import { House, Lock, Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { ConversationSummary } from '../../../../src-main/contract';
import { CONVERSATION_TITLE_MAX } from '../../../../src-main/contract';
import { ActionMenu } from './ActionMenu';
import { formatWhen, titleOrUntitled } from './chat-format';
import { useChatStore } from './chat-store';
import { exportActions } from './export-actions';

// One conversation in the list: open it, or from its menu rename it (in
// place), export it, or delete it (after a confirmation in place).

function RenameField({ item, onDone }: { item: ConversationSummary; onDone: () => void }) {
  const rename = useChatStore((s) => s.rename);
  const [title, setTitle] = useState(item.title);
  const save = async () => {
    const trimmed = title.trim();
    if (trimmed === '' || trimmed === item.title) return onDone();
    if (await rename(item.id, trimmed)) onDone();
  };
  return (
    <form
      className="chat-item__rename"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <input
        autoFocus
        aria-label="New title"
        data-testid="rename-input"
        value={title}
        maxLength={CONVERSATION_TITLE_MAX}
        onChange={(event) => setTitle(event.target.value)}
        onFocus={(event) => event.currentTarget.select()}
        onBlur={() => void save()}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          onDone();
        }}
      />
    </form>
  );
}

function DeleteConfirm({ item, onDone }: { item: ConversationSummary; onDone: () => void }) {
  const remove = useChatStore((s) => s.remove);
  const busy = useChatStore((s) => s.live?.conversationId === item.id);
  return (
    <div className="chat-item__confirm" role="alertdialog" aria-label="Delete the conversation?">
      <p>
        {busy
          ? 'A reply is streaming here; stop it first.'
          : `Delete it and its ${item.messageCount} messages? Its routing records stay in Replay.`}
      </p>
      <div className="chat-item__confirm-actions">
        <button
          type="button"
          className="chat-button chat-button--danger"
          disabled={busy}
          onClick={() => void remove(item.id).then(onDone)}
        >
          Delete
        </button>
        <button type="button" className="chat-button chat-button--quiet" autoFocus onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function ConversationItem({ item, active }: { item: ConversationSummary; active: boolean }) {
  const open = useChatStore((s) => s.open);
  const exportAs = useChatStore((s) => s.exportAs);
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle');
  const done = () => setMode('idle');
  return (
    <li
      className={active ? 'chat-item is-active' : 'chat-item'}
      data-conversation-id={item.id}
      data-testid="conversation"
    >
      {mode === 'rename' ? (
        <RenameField item={item} onDone={done} />
      ) : (
        <div className="chat-item__row">
          <button
            type="button"
            className="chat-item__open"
            aria-current={active ? 'page' : undefined}
            onClick={() => void open(item.id)}
          >
            <span className="chat-item__title">{titleOrUntitled(item.title)}</span>
            <span className="chat-item__meta">
              {item.private ? <Lock size={11} aria-label="Private" /> : null}
              {item.keepLocal && !item.private ? <House size={11} aria-label="Kept local" /> : null}
              {formatWhen(item.updatedAt)} · {item.messageCount}{' '}
              {item.messageCount === 1 ? 'message' : 'messages'}
            </span>
          </button>
          <ActionMenu
            label={`Actions for ${titleOrUntitled(item.title)}`}
            actions={[
              { label: 'Rename', icon: Pencil, onSelect: () => setMode('rename') },
              ...exportActions((format) => void exportAs(item.id, format)),
              { label: 'Delete', icon: Trash2, danger: true, onSelect: () => setMode('delete') },
            ]}
          />
        </div>
      )}
      {mode === 'delete' ? <DeleteConfirm item={item} onDone={done} /> : null}
    </li>
  );
}
