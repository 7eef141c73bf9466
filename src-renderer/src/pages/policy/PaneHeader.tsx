import { ArrowLeftRight, TriangleAlert } from 'lucide-react';

interface PaneHeaderProps {
  title: string;
  /** What this form of the policy holds. */
  scope: string;
  /** This side is the source of truth (editable). */
  leads: boolean;
  /** The other side, named for "follows …". */
  follows: string;
  /** This side no longer matches the side that leads (the pane says why below the editor). */
  stale: boolean;
  canSwitch: boolean;
  onSwitch(): void;
}

/** An editor's title, whether it leads or follows, and the switch to edit it instead. */
export function PaneHeader({
  title,
  scope,
  leads,
  follows,
  stale,
  canSwitch,
  onSwitch,
}: PaneHeaderProps) {
  return (
    <header className="policy-pane__head">
      <h2 className="policy-pane__title">
        {title} <span className="policy-pane__scope">{scope}</span>
      </h2>
      {leads ? (
        <span className="badge badge--installed" data-role="source">
          Source of truth · editable
        </span>
      ) : stale ? (
        <span className="badge policy-badge--warn" data-role="stale">
          <TriangleAlert size={12} aria-hidden="true" /> Out of date · read-only
        </span>
      ) : (
        <span className="badge" data-role="follows">
          Follows {follows} · read-only
        </span>
      )}
      {leads ? null : (
        <button
          type="button"
          className="lanes-button lanes-button--small policy-pane__switch"
          disabled={!canSwitch}
          title={
            canSwitch
              ? `Make the ${title} the edited side`
              : `Possible once the ${follows.replace(/^the /, '')} has no errors and is converted`
          }
          onClick={onSwitch}
        >
          <ArrowLeftRight size={13} aria-hidden="true" /> Edit {title} instead
        </button>
      )}
    </header>
  );
}
