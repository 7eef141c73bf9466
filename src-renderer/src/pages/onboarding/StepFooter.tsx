import { ArrowLeft, ArrowRight } from 'lucide-react';

interface StepFooterProps {
  canGoBack: boolean;
  onBack: () => void;
  onSkip?: () => void;
  onNext: () => void;
  nextLabel: string;
  busy?: boolean;
}

/** Back, skip and continue, the same at every step. */
export function StepFooter({
  canGoBack,
  onBack,
  onSkip,
  onNext,
  nextLabel,
  busy,
}: StepFooterProps) {
  return (
    <footer className="onb-footer">
      <button type="button" className="lanes-button" disabled={!canGoBack} onClick={onBack}>
        <ArrowLeft size={14} aria-hidden="true" />
        <span>Back</span>
      </button>
      <div className="onb-footer__right">
        {onSkip ? (
          <button type="button" className="onb-link" onClick={onSkip}>
            Skip this step
          </button>
        ) : null}
        <button
          type="button"
          className="lanes-button lanes-button--primary"
          onClick={onNext}
          disabled={busy}
        >
          <span>{nextLabel}</span>
          <ArrowRight size={14} aria-hidden="true" />
        </button>
      </div>
    </footer>
  );
}
