import { useId } from 'react';
import type { ReactNode } from 'react';
import './form-controls.css';

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  /** Shown instead of the hint. */
  error?: ReactNode;
  className?: string;
  /** The control, given the id its label points at and the id of the hint. */
  children(ids: { id: string; describedBy: string | undefined }): ReactNode;
}

/** A labelled control with a hint or an error below it; the label names the control alone. */
export function Field({ label, hint, error, className, children }: FieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, describedBy: note ? noteId : undefined })}
      {error ? (
        <span className="field__error" id={noteId} role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="field__hint" id={noteId}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}
