import { RefreshCw } from 'lucide-react';

interface CheckButtonProps {
  label: string;
  running: boolean;
  disabled?: boolean;
  small?: boolean;
  ariaLabel?: string;
  onClick: () => void;
}

/** A check button whose icon spins and whose label says "Checking…" while it runs. */
export function CheckButton({
  label,
  running,
  disabled,
  small,
  ariaLabel,
  onClick,
}: CheckButtonProps) {
  return (
    <button
      type="button"
      className={small ? 'lanes-button lanes-button--small' : 'lanes-button'}
      onClick={onClick}
      disabled={disabled ?? running}
      aria-label={ariaLabel}
    >
      <RefreshCw
        size={small ? 13 : 14}
        aria-hidden="true"
        className={running ? 'lanes-spin' : undefined}
      />
      <span>{running ? 'Checking…' : label}</span>
    </button>
  );
}
