import { z } from 'zod';

// First start: the app shows onboarding until the person finishes (or skips)
// it once. Whether it was finished lives in the app's settings on this
// machine; the choices made on the way are saved by their own methods
// (profile.apply, lanes.add, secrets.set, settings.set, models.pull).

export const OnboardingStateInputSchema = z.object({}).strict();

export const OnboardingStateSchema = z.object({
  completed: z.boolean(),
  /** ISO time onboarding was finished; null until then. */
  completedAt: z.string().nullable(),
  /** False when settings cannot be stored (no writable database): onboarding will show again. */
  canStore: z.boolean(),
});

export const OnboardingCompleteInputSchema = z.object({}).strict();

export type OnboardingState = z.infer<typeof OnboardingStateSchema>;
