import { CircleAlert } from 'lucide-react';
import { CheckButton } from './CheckButton';
import type { LaneView } from '../../../../src-main/contract';
import { HealthBadge } from './HealthBadge';
import { formatLatency, formatTime, originLabel, remedyFor } from './lane-format';
import { LocalityBadge } from './LocalityBadge';
import type { CheckState } from './useLanes';

export const LANE_COLUMNS = 5;

interface LaneRowProps {
  lane: LaneView;
  check: CheckState | undefined;
  /** True while "Check all" runs: every row's button waits for it. */
  allRunning: boolean;
  onCheck(laneId: string): void;
}

/** One lane: where it runs, what it is sent, how it answers; a detail row when it fails. */
export function LaneRow({ lane, check, allRunning, onCheck }: LaneRowProps) {
  const { health } = lane;
  const failing = health?.lastError && health.state !== 'healthy' ? health.lastError : null;
  const callFailed = check?.status === 'failed' ? check.error : null;
  const running = check?.status === 'running' || allRunning;
  const detail = failing !== null || callFailed !== null;
  return (
    <>
      <tr className={detail ? 'lane-row lane-row--with-detail' : 'lane-row'} data-lane-id={lane.id}>
        <td>
          <div className="table__primary lane-row__id" title={lane.id}>
            {lane.id}
          </div>
          <div className="lane-row__origin">{originLabel(lane)}</div>
        </td>
        <td>
          <LocalityBadge locality={lane.locality} source={lane.localitySource} />
        </td>
        <td>
          <div className="lane-row__model" title={`Sent as model "${lane.upstreamModelId}"`}>
            {lane.upstreamModelId}
          </div>
          {lane.baseUrl !== null ? (
            <div className="lane-row__url" title={lane.baseUrl}>
              {lane.baseUrl}
            </div>
          ) : (
            <div className="lane-row__unroutable">{lane.unroutable ?? 'No endpoint'}</div>
          )}
        </td>
        <td>
          <HealthBadge health={health} />
          {health && health.checks > 0 ? (
            <div className="lane-row__metrics">
              {health.lastLatencyMs !== null ? (
                <span title="Last latency · average latency">
                  {formatLatency(health.lastLatencyMs)} · avg {formatLatency(health.avgLatencyMs)}
                </span>
              ) : null}
              <span
                title={
                  health.lastCheckedAt
                    ? `Last checked ${formatTime(health.lastCheckedAt)}`
                    : undefined
                }
              >
                {health.failures} failed of {health.checks}{' '}
                {health.checks === 1 ? 'check' : 'checks'}
              </span>
            </div>
          ) : null}
        </td>
        <td className="lane-row__action">
          {health ? (
            <CheckButton
              label="Check"
              small
              running={running}
              ariaLabel={`Check ${lane.id}`}
              onClick={() => onCheck(lane.id)}
            />
          ) : null}
          {check?.status === 'done' ? (
            <div className="lane-row__checked" role="status">
              Checked {formatTime(check.at)}
            </div>
          ) : null}
        </td>
      </tr>
      {detail ? (
        <tr className="lane-row__detail" data-lane-id={lane.id}>
          <td colSpan={LANE_COLUMNS}>
            {failing ? (
              <div className="lane-error">
                <CircleAlert size={14} aria-hidden="true" />
                <span>
                  <code className="lane-error__code">{failing.code}</code> {failing.message}
                  {remedyFor(lane, failing.code) ? (
                    <span className="lane-error__remedy"> — {remedyFor(lane, failing.code)}</span>
                  ) : null}
                </span>
              </div>
            ) : null}
            {callFailed ? (
              <div className="lane-error" role="alert">
                <CircleAlert size={14} aria-hidden="true" />
                <span>
                  The check could not run: {callFailed.message}{' '}
                  <code className="lane-error__code">{callFailed.code}</code>
                </span>
              </div>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
