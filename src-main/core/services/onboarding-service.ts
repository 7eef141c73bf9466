import { ApiError } from '../../contract';
import type { OnboardingState } from '../../contract';
import { createLogger } from '../logger';
import { SettingsStore } from '../store/settings-store';
import type { ServiceContext } from './context';

const log = createLogger('onboarding');

// `onboarding.state` and `onboarding.complete`: whether first-start
// onboarding was finished, kept in the app's settings so it shows once.

function settingsOf(ctx: ServiceContext): { store: SettingsStore | null; writable: boolean } {
  const db = ctx.chat?.database;
  if (!db) return { store: null, writable: false };
  return { store: new SettingsStore(db), writable: ctx.database.state === 'ok' };
}

export function onboardingState(ctx: ServiceContext): OnboardingState {
  const { store, writable } = settingsOf(ctx);
  const completedAt = store ? store.get('onboarding.completed_at') : null;
  return { completed: completedAt !== null, completedAt, canStore: writable };
}

export function completeOnboarding(
  ctx: ServiceContext,
  now: () => Date = () => new Date(),
): OnboardingState {
  const { store, writable } = settingsOf(ctx);
  if (!store || !writable) {
    throw new ApiError(
      'unavailable',
      'Settings cannot be saved: the database is not writable. Onboarding will show again at the next start.',
      { database: ctx.database.state },
    );
  }
  const existing = store.get('onboarding.completed_at');
  const completedAt = existing ?? store.set('onboarding.completed_at', now().toISOString());
  if (!existing) log.info({ completedAt }, 'onboarding finished');
  return { completed: true, completedAt, canStore: true };
}
