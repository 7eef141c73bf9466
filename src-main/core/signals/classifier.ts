import type { ClassifierRule } from '../config/schema/signals';
import { okOutput, unavailableSignal } from './model-support';
import type { SignalModule } from './signal-module';

// classifiers (reference §2.15): generic local-model or LLM classifiers,
// referenced only through predicate leaves. Neither backend exists on this
// device yet, so a config that declares any reports the family unavailable.

export const GENERIC_CLASSIFIERS_UNAVAILABLE =
  'generic classifiers are not supported on this device yet';

export const classifierSignal: SignalModule<ClassifierRule> = {
  type: 'classifier',
  configKey: 'classifiers',
  prepare(rules) {
    if (rules.length === 0) return { evaluate: () => okOutput() };
    return unavailableSignal(GENERIC_CLASSIFIERS_UNAVAILABLE);
  },
};
