import { createLogger } from '../logger';
import type { ChatDelta, ChatRequestBody, PartialAnswer } from './chat-types';
import type { FallbackTarget } from './fallback-plan';
import type { LaneHealthState } from './health-events';
import { LaneError, isLaneError } from './lane-errors';
import type { Lane } from './lane-registry';
import { requestModelFor } from './lane-set';
import { rewriteRequest } from './request-rewrite';
import { StreamAccumulator } from './stream-accumulator';

// Sends a routed request down the first lane that answers. A lane that fails
// before its first token is recorded and the next candidate is tried: the
// other lanes of the alias, then the decision's next modelRef, then
// `default_model`. Once a token has streamed, a failure ends the answer (the
// partial text is kept on the error) — a second model must not continue a
// first model's sentence. Every candidate passes the egress guard first; the
// guard is the privacy rules' hook, and a lane it refuses is never contacted.

const log = createLogger('fallback');

export interface StreamingClient {
  chatStream(body: ChatRequestBody, options?: { signal?: AbortSignal }): AsyncIterable<ChatDelta>;
}

export interface Candidate {
  target: FallbackTarget;
  lane: Lane;
}

export type GuardVerdict =
  | { allowed: true }
  /** `code` says which rule refused (the privacy guard's codes: private_request, …). */
  | { allowed: false; reason: string; code?: string };

/** Decides whether a request may leave through a lane (privacy rules plug in here). */
export type EgressGuard = (candidate: Candidate) => GuardVerdict;

export const allowEveryLane: EgressGuard = () => ({ allowed: true });

export type AttemptOutcome = 'answered' | 'failed' | 'refused_by_guard' | 'unroutable';

/** One step of the fallback chain, as stored with the request's record. */
export interface LaneAttempt {
  lane_id: string;
  alias: string;
  source: FallbackTarget['source'];
  outcome: AttemptOutcome;
  reason?: string;
  code?: string;
  latency_ms?: number;
}

export interface FallbackOptions {
  clientFor: (lane: Lane) => StreamingClient;
  guard?: EgressGuard;
  /** A lane's current health; lanes that are down are tried after the others. */
  healthOf?: (laneId: string) => LaneHealthState | undefined;
  /** Passive health reports from real traffic. */
  onSuccess?: (laneId: string, latencyMs: number) => void;
  onFailure?: (laneId: string, error: LaneError) => void;
  signal?: AbortSignal;
}

export type FallbackEvent =
  | { type: 'lane'; candidate: Candidate; attempts: LaneAttempt[] }
  | { type: 'delta'; delta: ChatDelta };

export interface FallbackResult {
  candidate: Candidate;
  attempts: LaneAttempt[];
  answer: PartialAnswer;
}

export type NoLaneCode =
  | 'no_lane'
  | 'all_lanes_failed'
  | 'refused_by_guard'
  /** A private request, and no local or LAN lane answered. */
  | 'no_private_lane'
  /** Only cloud lanes could take it, and cloud use needs the person's confirmation. */
  | 'needs_confirmation';

/** No candidate could answer; `attempts` says what happened to each. */
export class NoLaneError extends Error {
  constructor(
    readonly code: NoLaneCode,
    message: string,
    readonly attempts: LaneAttempt[],
    readonly lastError?: LaneError,
  ) {
    super(message);
    this.name = 'NoLaneError';
  }
}

/** Every (target, lane) pair in order; lanes that are down go after the rest of their alias. */
export function orderCandidates(
  targets: readonly FallbackTarget[],
  lanesOf: (alias: string) => Lane[],
  healthOf?: (laneId: string) => LaneHealthState | undefined,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const target of targets) {
    const lanes = lanesOf(target.alias);
    const up = lanes.filter((lane) => healthOf?.(lane.id) !== 'down');
    const down = lanes.filter((lane) => healthOf?.(lane.id) === 'down');
    for (const lane of [...up, ...down]) candidates.push({ target, lane });
  }
  return candidates;
}

const hasToken = (delta: ChatDelta): boolean =>
  (delta.content !== undefined && delta.content !== '') ||
  (delta.reasoning !== undefined && delta.reasoning !== '') ||
  (delta.toolCalls !== undefined && delta.toolCalls.length > 0);

/**
 * Streams the answer of the first candidate that produces a token. Yields a
 * `lane` event when a lane has started answering, then its deltas; returns
 * the lane, the attempts and the whole answer.
 */
export async function* streamWithFallback(
  candidates: readonly Candidate[],
  body: ChatRequestBody,
  options: FallbackOptions,
): AsyncGenerator<FallbackEvent, FallbackResult> {
  const guard = options.guard ?? allowEveryLane;
  const attempts: LaneAttempt[] = [];
  let lastError: LaneError | undefined;
  let contacted = 0;
  const record = (
    candidate: Candidate,
    outcome: AttemptOutcome,
    extra: Partial<LaneAttempt> = {},
  ) =>
    attempts.push({
      lane_id: candidate.lane.id,
      alias: candidate.target.alias,
      source: candidate.target.source,
      outcome,
      ...extra,
    });

  for (const candidate of candidates) {
    if (options.signal?.aborted) throw new LaneError('aborted', 'The request was cancelled');
    const verdict = guard(candidate);
    if (!verdict.allowed) {
      record(candidate, 'refused_by_guard', {
        reason: verdict.reason,
        ...(verdict.code !== undefined ? { code: verdict.code } : {}),
      });
      continue;
    }
    if (candidate.lane.unroutable !== undefined || candidate.lane.baseUrl === undefined) {
      record(candidate, 'unroutable', { reason: candidate.lane.unroutable ?? 'no endpoint' });
      continue;
    }
    contacted++;
    const started = performance.now();
    const request = rewriteRequest(
      { ...body, stream: true },
      candidate.target.trace,
      candidate.lane.apiFormat === 'anthropic' ? { dialect: 'openai' } : {},
    ).body;
    request.model = requestModelFor(candidate.lane, candidate.target.trace.upstream_model);
    const stream = options
      .clientFor(candidate.lane)
      .chatStream(request, options.signal ? { signal: options.signal } : {});
    const answer = new StreamAccumulator();
    const held: ChatDelta[] = [];
    let answering = false;
    try {
      for await (const delta of stream) {
        answer.add(delta);
        if (!answering) {
          held.push(delta);
          if (!hasToken(delta)) continue;
          answering = true;
          const latency = Math.round(performance.now() - started);
          record(candidate, 'answered', { latency_ms: latency });
          options.onSuccess?.(candidate.lane.id, latency);
          yield { type: 'lane', candidate, attempts: [...attempts] };
          for (const early of held.splice(0)) yield { type: 'delta', delta: early };
          continue;
        }
        yield { type: 'delta', delta };
      }
    } catch (error) {
      if (!isLaneError(error)) throw error;
      options.onFailure?.(candidate.lane.id, error);
      // After the first token, or when the person cancelled, there is no fallback.
      if (answering || error.code === 'aborted') throw error;
      lastError = error;
      record(candidate, 'failed', {
        code: error.code,
        reason: error.message,
        latency_ms: Math.round(performance.now() - started),
      });
      log.debug(
        { lane: candidate.lane.id, code: error.code },
        'lane failed before its first token; trying the next',
      );
      continue;
    }
    if (!answering) {
      // A complete answer without a single token (an empty reply) still counts as answered.
      const latency = Math.round(performance.now() - started);
      record(candidate, 'answered', { latency_ms: latency });
      options.onSuccess?.(candidate.lane.id, latency);
      yield { type: 'lane', candidate, attempts: [...attempts] };
      for (const early of held) yield { type: 'delta', delta: early };
    }
    return { candidate, attempts, answer: answer.snapshot() };
  }
  throw noLane(candidates, attempts, contacted, lastError);
}

function noLane(
  candidates: readonly Candidate[],
  attempts: LaneAttempt[],
  contacted: number,
  lastError: LaneError | undefined,
): NoLaneError {
  const refusedFor = (code: string) =>
    attempts.some((attempt) => attempt.outcome === 'refused_by_guard' && attempt.code === code);
  const failures = attempts
    .filter((attempt) => attempt.outcome === 'failed' || attempt.outcome === 'unroutable')
    .map((attempt) => `${attempt.lane_id} (${attempt.code ?? attempt.outcome})`);
  if (refusedFor('private_request')) return noPrivateLane(attempts, failures, lastError);
  if (contacted === 0 && refusedFor('needs_confirmation')) {
    return new NoLaneError(
      'needs_confirmation',
      'Only a cloud lane can take this request, and cloud use is set to ask first.',
      attempts,
    );
  }
  if (candidates.length === 0) {
    return new NoLaneError(
      'no_lane',
      'No lane serves the chosen model or any fallback for it.',
      attempts,
    );
  }
  if (contacted === 0 && attempts.some((attempt) => attempt.outcome === 'refused_by_guard')) {
    const reasons = [...new Set(attempts.filter((a) => a.reason).map((a) => a.reason))];
    return new NoLaneError(
      'refused_by_guard',
      `No lane may receive this request: ${reasons.join('; ')}`,
      attempts,
    );
  }
  const tried = attempts
    .filter((attempt) => attempt.outcome === 'failed' || attempt.outcome === 'unroutable')
    .map(
      (attempt) =>
        `${attempt.lane_id} (${attempt.code ?? attempt.outcome}: ${attempt.reason ?? ''})`,
    );
  return new NoLaneError(
    contacted === 0 ? 'no_lane' : 'all_lanes_failed',
    `Every lane failed before answering: ${tried.join('; ')}`,
    attempts,
    lastError,
  );
}

function noPrivateLane(
  attempts: LaneAttempt[],
  failures: readonly string[],
  lastError: LaneError | undefined,
): NoLaneError {
  return new NoLaneError(
    'no_private_lane',
    `This request is private, so it may only go to a local or LAN lane, and ${
      failures.length > 0 ? `none answered: ${failures.join('; ')}` : 'there is none'
    }. Start the local lane (homelane lanes up) or add one on your network (homelane lanes add).`,
    attempts,
    lastError,
  );
}

/** The clear error of a private request that found no lane, from any NoLaneError. */
export function privateLaneError(error: NoLaneError): NoLaneError {
  const failures = error.attempts
    .filter((attempt) => attempt.outcome === 'failed' || attempt.outcome === 'unroutable')
    .map((attempt) => `${attempt.lane_id} (${attempt.code ?? attempt.outcome})`);
  return noPrivateLane(error.attempts, failures, error.lastError);
}
