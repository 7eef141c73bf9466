import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { copyText } from './download';

interface CopyButtonProps {
  text: () => string;
  label: string;
  className?: string;
}

/** Copies on click and says so for a moment; says so too when the page may not copy. */
export function CopyButton({ text, label, className = 'chat-icon-button' }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1600);
    return () => clearTimeout(timer);
  }, [state]);
  const shown = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label;
  return (
    <button
      type="button"
      className={className}
      title={shown}
      aria-label={shown}
      data-state={state}
      onClick={() => void copyText(text()).then((ok) => setState(ok ? 'copied' : 'failed'))}
    >
      {state === 'copied' ? (
        <Check size={14} aria-hidden="true" />
      ) : (
        <Copy size={14} aria-hidden="true" />
      )}
      <span className="chat-icon-button__text">{state === 'idle' ? 'Copy' : shown}</span>
    </button>
  );
}
