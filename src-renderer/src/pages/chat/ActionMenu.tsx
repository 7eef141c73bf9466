import { MoreHorizontal } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { useEffect, useId, useRef, useState } from 'react';

// A small menu behind a button: it closes on a choice, on Escape, and on a
// click anywhere else.

export interface MenuAction {
  label: string;
  icon: LucideIcon;
  onSelect: () => void;
  danger?: boolean;
  disabled?: boolean;
}

interface ActionMenuProps {
  label: string;
  actions: MenuAction[];
  /** The button's own content; an ellipsis when absent. */
  children?: ReactNode;
  className?: string;
}

export function ActionMenu({
  label,
  actions,
  children,
  className = 'chat-icon-button',
}: ActionMenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const away = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setOpen(false);
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', escape, true);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', escape, true);
    };
  }, [open]);

  return (
    <div className="chat-menu" ref={root}>
      <button
        type="button"
        className={className}
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen(!open)}
      >
        {children ?? <MoreHorizontal size={15} aria-hidden="true" />}
      </button>
      {open ? (
        <div className="chat-menu__list" role="menu" id={id}>
          {actions.map(({ label: text, icon: Icon, onSelect, danger, disabled }) => (
            <button
              key={text}
              type="button"
              role="menuitem"
              disabled={disabled}
              className={danger ? 'chat-menu__item is-danger' : 'chat-menu__item'}
              onClick={() => {
                setOpen(false);
                onSelect();
              }}
            >
              <Icon size={14} aria-hidden="true" /> {text}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
