import { CircleX, TriangleAlert } from 'lucide-react';
import { useEffect } from 'react';
import { useClient } from '../api/client-context';
import { lanesIn, useLaneHealthStore } from '../state/lane-health-store';
import './lane-alert.css';

/**
 * Beside "Lanes & models" in the sidebar: how many lanes are down (or,
 * failing that, degraded), with their names on hover. Nothing while all is well.
 */
export function LaneAlert() {
  const client = useClient();
  const watch = useLaneHealthStore((s) => s.watch);
  const lanes = useLaneHealthStore((s) => s.lanes);
  useEffect(() => watch(client), [client, watch]);

  const down = lanesIn(lanes, 'down');
  const degraded = lanesIn(lanes, 'degraded');
  const [tone, ids] =
    down.length > 0 ? (['down', down] as const) : (['degraded', degraded] as const);
  if (ids.length === 0) return null;
  const Icon = tone === 'down' ? CircleX : TriangleAlert;
  const label = `${ids.length} ${ids.length === 1 ? 'lane' : 'lanes'} ${tone}`;
  const others = tone === 'down' && degraded.length > 0 ? `; degraded: ${degraded.join(', ')}` : '';
  return (
    <span
      className={`lane-alert lane-alert--${tone}`}
      role="status"
      aria-label={label}
      title={`${tone === 'down' ? 'Down' : 'Degraded'}: ${ids.join(', ')}${others}`}
      data-testid="lane-alert"
      data-state={tone}
      data-count={ids.length}
    >
      <Icon size={12} strokeWidth={2.2} aria-hidden="true" />
      <span aria-hidden="true">{ids.length}</span>
    </span>
  );
}
