/** The steps of first-start onboarding, in order. */
export const ONBOARDING_STEPS = [
  { id: 'profile', label: 'Routing profile' },
  { id: 'lanes', label: 'Model lanes' },
  { id: 'models', label: 'Routing models' },
  { id: 'privacy', label: 'Cloud escalation' },
  { id: 'done', label: 'Done' },
] as const;

export type StepId = (typeof ONBOARDING_STEPS)[number]['id'];

export function stepIndex(step: StepId): number {
  return ONBOARDING_STEPS.findIndex((entry) => entry.id === step);
}

export function nextStep(step: StepId): StepId {
  return ONBOARDING_STEPS[Math.min(stepIndex(step) + 1, ONBOARDING_STEPS.length - 1)]?.id ?? step;
}

export function previousStep(step: StepId): StepId {
  return ONBOARDING_STEPS[Math.max(stepIndex(step) - 1, 0)]?.id ?? step;
}
