import { useState } from 'react';
import type { ReactNode } from 'react';
import './form-controls.css';

interface ConfirmButtonProps {
  /** The first button's text, e.g. "Forget". */
  label: string;
  /** The question shown once it is clicked. */
  question: ReactNode;
  /** The confirming button's text (default: the label). */
  confirmLabel?: string;
  ariaLabel?: string;
  disabled?: boolean;
  onConfirm(): void;
}

/** A destructive action in two steps: the button, then "Really?" with confirm and cancel. */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  ariaLabel,
  disabled,
  onConfirm,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className="lanes-button lanes-button--small lanes-button--danger"
        aria-label={ariaLabel}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="button-row" role="group" aria-label={ariaLabel ?? label}>
      <span className="field__hint">{question}</span>
      <button
        type="button"
        className="lanes-button lanes-button--small lanes-button--danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel ?? label}
      </button>
      <button
        type="button"
        className="lanes-button lanes-button--small"
        onClick={() => setAsking(false)}
      >
        Cancel
      </button>
    </span>
  );
}
