import { Plus } from 'lucide-react';
import type { ReactNode } from 'react';

interface LanesCardHeaderProps {
  /** The title's id, which the card is labelled by. */
  titleId: string;
  title: string;
  summary: ReactNode;
  /** The add button's text; the button hides while the add form is open. */
  addLabel: string;
  adding: boolean;
  onAdd(): void;
}

/** A Lanes page card's title and summary, with the button that opens its add form. */
export function LanesCardHeader({
  titleId,
  title,
  summary,
  addLabel,
  adding,
  onAdd,
}: LanesCardHeaderProps) {
  return (
    <div className="lanes-card__header">
      <div>
        <h2 className="card__title" id={titleId}>
          {title}
        </h2>
        <p className="muted">{summary}</p>
      </div>
      {adding ? null : (
        <button type="button" className="lanes-button" onClick={onAdd}>
          <Plus size={14} aria-hidden="true" />
          <span>{addLabel}</span>
        </button>
      )}
    </div>
  );
}
