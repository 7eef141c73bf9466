import { SIGNAL_MODULES } from '../../signals/registry';
import { SIGNAL_INFO } from '../../signals/signal-types';
import type { SignalType } from '../../signals/signal-types';
import type { DiagnosticSink } from '../diagnostics';
import type { RawConfig } from '../schema/config';
import type { RawProfile } from './profiles';

/** Families whose `prepare` compiles patterns synchronously and needs no model. */
const COMPILED_FAMILIES: readonly SignalType[] = [
  'keyword',
  'structure',
  'event',
  'metadata',
  'context',
  'conversation',
  'authz',
];

/**
 * Compiles every deterministic rule on its own, so a pattern the engine
 * cannot compile (say, a Go-only regex construct) is a located load error
 * instead of a failure at request time.
 */
export function validateCompilation(
  raw: RawConfig,
  profile: RawProfile,
  sink: DiagnosticSink,
): void {
  const env = { ml: {}, global: raw.global ?? {}, kbs: new Map() };
  for (const type of COMPILED_FAMILIES) {
    const { configKey } = SIGNAL_INFO[type];
    const rules = (profile.routing.signals?.[configKey] ?? []) as never[];
    rules.forEach((rule, index) => {
      try {
        const prepared = SIGNAL_MODULES[type].prepare([rule], env);
        if (prepared instanceof Promise) prepared.catch(() => undefined);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        sink.error('invalid_pattern', [...profile.path, 'signals', configKey, index], message);
      }
    });
  }
}
