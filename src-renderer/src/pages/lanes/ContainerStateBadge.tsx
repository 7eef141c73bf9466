import { Box, CircleAlert } from 'lucide-react';
import type { ApiErrorData, ManagedLaneStatusView } from '../../../../src-main/contract';

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

const TONE: Record<ManagedLaneStatusView['state'], string> = {
  unknown: 'idle',
  absent: 'idle',
  created: 'idle',
  running: 'ok',
  restarting: 'warn',
  paused: 'warn',
  exited: 'idle',
  dead: 'error',
  removing: 'warn',
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
        className="container-state container-state--error"
        title={problem.message}
        data-state={problem.code}
      >
        <CircleAlert size={12} aria-hidden="true" />
        <span>{label}</span>
      </span>
    );
  }
  if (!status) return <span className="container-state container-state--idle">Checking…</span>;
  const exit =
    status.state === 'exited' && status.exitCode !== null ? ` (exit ${status.exitCode})` : '';
  const stale = status.upToDate === false ? ' · older flags' : '';
  return (
    <span
      className={`container-state container-state--${TONE[status.state]}`}
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
