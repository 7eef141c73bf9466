import { CircleCheck, CircleDashed, CircleMinus, CircleX, TriangleAlert } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { LaneHealthView } from '../../../../src-main/contract';
import { formatTime } from './lane-format';

type HealthState = LaneHealthView['state'] | 'unwatched';

const HEALTH: Record<HealthState, { label: string; icon: LucideIcon }> = {
  unknown: { label: 'Unknown', icon: CircleDashed },
  healthy: { label: 'Healthy', icon: CircleCheck },
  degraded: { label: 'Degraded', icon: TriangleAlert },
  down: { label: 'Down', icon: CircleX },
  unwatched: { label: 'Not watched', icon: CircleMinus },
};

/** A lane's health as icon and word; null health means the lane is not watched. */
export function HealthBadge({ health }: { health: LaneHealthView | null }) {
  const state: HealthState = health ? health.state : 'unwatched';
  const { label, icon: Icon } = HEALTH[state];
  const title = health
    ? health.state === 'unknown'
      ? 'Not checked yet'
      : `${label} since ${formatTime(health.since)}`
    : 'No requests can be sent down this lane, so it is not checked';
  return (
    <span className={`health-badge health-badge--${state}`} title={title} data-health={state}>
      <Icon size={13} strokeWidth={2} aria-hidden="true" />
      <span>{label}</span>
    </span>
  );
}
