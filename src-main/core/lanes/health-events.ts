import type { LaneErrorCode } from './lane-errors';

// What the health monitor says about a lane, in plain data the UI can show.

/**
 * `unknown` until the first observation; `healthy` after a success; `degraded`
 * after a failure that is not yet enough to give up on the lane; `down` after
 * `failuresToDown` failures in a row.
 */
export type LaneHealthState = 'unknown' | 'healthy' | 'degraded' | 'down';

export interface LaneHealthError {
  code: LaneErrorCode;
  message: string;
  status?: number;
}

export interface LaneHealth {
  laneId: string;
  state: LaneHealthState;
  /** When the lane entered its current state (epoch ms). */
  since: number;
  /** When the last observation (active check or report from real traffic) was recorded. */
  lastCheckedAt?: number;
  /** Latency of the last successful observation. */
  lastLatencyMs?: number;
  /** Exponentially weighted average latency of successful observations. */
  avgLatencyMs?: number;
  /** Observations recorded: active checks plus reports from real traffic. */
  checks: number;
  /** Failed observations, all time. */
  failures: number;
  consecutiveFailures: number;
  /** Why the last observation failed; cleared by a success. */
  lastError?: LaneHealthError;
  /** When the next active check is due; absent while none is scheduled. */
  nextCheckAt?: number;
}

/** Emitted only when a lane's state changes. */
export interface HealthChangeEvent {
  laneId: string;
  from: LaneHealthState;
  to: LaneHealthState;
  health: LaneHealth;
}

export type HealthChangeListener = (event: HealthChangeEvent) => void;
