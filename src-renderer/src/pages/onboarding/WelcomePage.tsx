import { useState } from 'react';
import type { ComponentType } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useClient } from '../../api/client-context';
import { DoneStep } from './DoneStep';
import { LanesStep } from './LanesStep';
import { ModelsStep } from './ModelsStep';
import { PrivacyStep } from './PrivacyStep';
import { ProfileStep } from './ProfileStep';
import { StepFooter } from './StepFooter';
import { Stepper } from './Stepper';
import { stepIndex } from './onboarding-steps';
import type { StepId } from './onboarding-steps';
import { useOnboarding } from './onboarding-store';
import { usePrivacyChoiceStore } from './privacy-choice';
import '../../components/form-controls.css';
import './onboarding.css';

const STEP_VIEW: Record<StepId, ComponentType> = {
  profile: ProfileStep,
  lanes: LanesStep,
  models: ModelsStep,
  privacy: PrivacyStep,
  done: DoneStep,
};

/** First-start onboarding: profile → lanes → models → cloud escalation → done. */
export function WelcomePage() {
  const client = useClient();
  const step = useOnboarding((s) => s.step);
  const goTo = useOnboarding((s) => s.goTo);
  const next = useOnboarding((s) => s.next);
  const back = useOnboarding((s) => s.back);
  const savePrivacy = usePrivacyChoiceStore((s) => s.save);
  const [finishing, setFinishing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const finish = async () => {
    setBusy(true);
    const result = await client.call('onboarding.complete', {});
    setBusy(false);
    if (!result.ok) {
      setFinishing(result.error.message);
      return;
    }
    window.location.hash = '#/chat';
  };

  const onNext = async () => {
    if (step === 'privacy') {
      setBusy(true);
      const saved = await savePrivacy(client);
      setBusy(false);
      if (!saved) return;
    }
    if (step === 'done') return finish();
    next();
  };

  const View = STEP_VIEW[step];
  return (
    <>
      <PageHeader
        title="Get started"
        subtitle="From a fresh install to routed, private-by-default chat. Every step can be changed later."
        actions={
          step !== 'done' ? (
            <button type="button" className="onb-link" onClick={() => void finish()}>
              Skip setup
            </button>
          ) : null
        }
      />
      <Stepper current={step} onGo={goTo} />
      <div className="onb-body" data-step={step}>
        <View />
      </div>
      {finishing ? (
        <p className="onb-problem" role="alert">
          {finishing}
        </p>
      ) : null}
      <StepFooter
        canGoBack={stepIndex(step) > 0}
        onBack={back}
        {...(step === 'lanes' || step === 'models' || step === 'profile' ? { onSkip: next } : {})}
        onNext={() => void onNext()}
        nextLabel={step === 'done' ? 'Start chatting' : 'Continue'}
        busy={busy}
      />
    </>
  );
}
