import { Box, CircleAlert } from 'lucide-react';
import type {
  ApiErrorData,
  LaneHealthView,
  ManagedLaneStatusView,
} from '../../../../src-main/contract';

const STATE_LABEL: Record<ManagedLaneStatusView['state'], string> = {
  unknown: 'Unknown',
  absent: 'Not created',
  created: 'Created',
  running: 'Running',
  restarting: 'Restarting',
  paused: 'Paused',
  exited: 'Stopped',
  dead: 'Dead',
  removing: 'Removing',
};

/** Each state wears the lanes' health badge, in the tone of the health it is like. */
const TONE: Record<ManagedLaneStatusView['state'], LaneHealthView['state']> = {
  unknown: 'unknown',
  absent: 'unknown',
  created: 'unknown',
  running: 'healthy',
  restarting: 'degraded',
  paused: 'degraded',
  exited: 'unknown',
  dead: 'down',
  removing: 'degraded',
};

/** The container's state as Docker reports it, or why Docker could not be asked. */
export function ContainerStateBadge({
  status,
  error,
}: {
  status: ManagedLaneStatusView | null;
  error: ApiErrorData | null;
}) {
  const problem = status?.problem ?? (error ? { code: 'error', message: error.message } : null);
  if (problem) {
    const label =
      problem.code === 'no_docker'
        ? 'Docker not reachable'
        : problem.code === 'docker_permission'
          ? 'No access to Docker'
          : problem.code === 'name_taken'
            ? 'Name taken in Docker'
            : 'Docker error';
    return (
      <span
        className="health-badge health-badge--down container-state"
        title={problem.message}
        data-state={problem.code}
      >
        <CircleAlert size={12} aria-hidden="true" />
        <span>{label}</span>
      </span>
    );
  }
  if (!status)
    return <span className="health-badge health-badge--unknown container-state">Checking…</span>;
  const exit =
    status.state === 'exited' && status.exitCode !== null ? ` (exit ${status.exitCode})` : '';
  const stale = status.upToDate === false ? ' · older flags' : '';
  return (
    <span
      className={`health-badge health-badge--${TONE[status.state]} container-state`}
      title={
        status.upToDate === false
          ? 'Made from older flags: the next start re-makes it'
          : status.containerId
            ? `Container ${status.containerId.slice(0, 12)}`
            : undefined
      }
      data-state={status.state}
    >
      <Box size={12} aria-hidden="true" />
      <span>
        {STATE_LABEL[status.state]}
        {exit}
        {stale}
      </span>
    </span>
  );
}
