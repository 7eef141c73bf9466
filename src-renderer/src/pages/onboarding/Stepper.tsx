import { Check } from 'lucide-react';
import { ONBOARDING_STEPS, stepIndex } from './onboarding-steps';
import type { StepId } from './onboarding-steps';

/** Where onboarding is: every step, the done ones ticked; a done step can be revisited. */
export function Stepper({ current, onGo }: { current: StepId; onGo: (step: StepId) => void }) {
  const at = stepIndex(current);
  return (
    <ol className="onb-stepper" aria-label="Setup steps">
      {ONBOARDING_STEPS.map((step, index) => {
        const state = index < at ? 'done' : index === at ? 'current' : 'todo';
        return (
          <li key={step.id} className={`onb-stepper__item is-${state}`}>
            <button
              type="button"
              className="onb-stepper__button"
              disabled={state === 'todo'}
              aria-current={state === 'current' ? 'step' : undefined}
              onClick={() => onGo(step.id)}
            >
              <span className="onb-stepper__number" aria-hidden="true">
                {state === 'done' ? <Check size={13} /> : index + 1}
              </span>
              <span>{step.label}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
