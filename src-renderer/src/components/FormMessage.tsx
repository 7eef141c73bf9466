import { CircleAlert, CircleCheck } from 'lucide-react';
import type { ReactNode } from 'react';
import './form-controls.css';

interface FormMessageProps {
  /** An error is announced as an alert, a done thing as a status. */
  tone: 'error' | 'ok';
  className?: string;
  testId?: string;
  children: ReactNode;
}

/** One line under a form or a card: what went wrong, or what was done. */
export function FormMessage({ tone, className, testId, children }: FormMessageProps) {
  const Icon = tone === 'error' ? CircleAlert : CircleCheck;
  return (
    <p
      className={`form-message form-message--${tone}${className ? ` ${className}` : ''}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      <Icon size={14} aria-hidden="true" /> {children}
    </p>
  );
}
