import { performance } from 'node:perf_hooks';
import { createLogger } from '../logger';
import type { PreparedSignal, SignalInput, SignalOutput } from '../signals/signal-module';
import type { SignalType } from '../signals/signal-types';
import type { SignalState } from './signal-state';
import type { SignalFamilyTrace } from './trace';

const log = createLogger('signals');

export interface RunOptions {
  evaluateAll: boolean;
  /** Families to run even when no decision reads them (privacy reads pii and kb). */
  alsoEvaluate?: ReadonlySet<SignalType>;
  authz: boolean;
  ruleCounts: ReadonlyMap<SignalType, number>;
}

export interface SignalRun {
  traces: Record<string, SignalFamilyTrace>;
  /** The authz output, merged by the caller after projections. */
  authz?: SignalOutput;
}

/**
 * Runs the needed families concurrently (model families wait on inference;
 * deterministic ones finish at once), then merges their outputs into the
 * state in a fixed order so results never depend on timing.
 */
export async function runSignalFamilies(
  families: ReadonlyMap<SignalType, PreparedSignal>,
  used: ReadonlySet<SignalType>,
  input: SignalInput,
  state: SignalState,
  options: RunOptions,
): Promise<SignalRun> {
  const traces: Record<string, SignalFamilyTrace> = {};
  let authz: SignalOutput | undefined;
  const runs = [...families].map(async ([type, prepared]) => {
    const isUsed =
      options.evaluateAll || used.has(type) || options.alsoEvaluate?.has(type) === true;
    if (type === 'authz' && !options.authz) {
      return { type, skipped: 'authz is read from request headers on the request path only' };
    }
    if (!isUsed) return { type, skipped: 'no decision reads this family' };
    const started = performance.now();
    const output = await runOne(type, prepared, input);
    return { type, output, latency: performance.now() - started, used: used.has(type) };
  });
  for (const run of await Promise.all(runs)) {
    if ('skipped' in run) {
      traces[run.type] = {
        status: 'skipped',
        matched: [],
        rule_count: options.ruleCounts.get(run.type) ?? 0,
        latency_ms: 0,
        used: used.has(run.type),
        reason: run.skipped,
      };
      continue;
    }
    const { type, output, latency } = run;
    // Upstream adds authz after projections, so scores cannot read it.
    if (type === 'authz') authz = output;
    else mergeOutput(state, type, output);
    traces[type] = {
      status: output.status,
      matched: [...output.matched],
      rule_count: options.ruleCounts.get(type) ?? 0,
      latency_ms: latency,
      used: run.used,
      ...(output.reason !== undefined ? { reason: output.reason } : {}),
      ...(output.details !== undefined ? { details: output.details } : {}),
    };
  }
  return { traces, ...(authz ? { authz } : {}) };
}

async function runOne(
  type: SignalType,
  prepared: PreparedSignal,
  input: SignalInput,
): Promise<SignalOutput> {
  try {
    return await prepared.evaluate(input);
  } catch (error) {
    log.error({ err: error, type }, 'signal family failed');
    const reason = error instanceof Error ? error.message : String(error);
    return {
      status: 'error',
      matched: [],
      confidences: {},
      values: {},
      errors: { [type]: reason },
      reason,
    };
  }
}

export function mergeOutput(state: SignalState, type: SignalType, output: SignalOutput): void {
  if (output.status === 'unavailable') state.unavailable.add(type);
  state.matched.set(type, [...output.matched]);
  for (const [key, value] of Object.entries(output.confidences)) state.confidences.set(key, value);
  for (const [key, value] of Object.entries(output.values)) state.values.set(key, value);
  for (const [key, value] of Object.entries(output.errors ?? {})) state.errors.set(key, value);
  for (const [key, value] of Object.entries(output.kbMetrics ?? {}))
    state.kbMetrics.set(key, value);
  const labels = output.details?.['labels'];
  if (type === 'domain' && Array.isArray(labels)) state.domainLabels = labels.map(String);
}
