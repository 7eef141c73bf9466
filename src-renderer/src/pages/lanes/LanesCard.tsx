import { CircleAlert, Server, TriangleAlert } from 'lucide-react';
import { CheckButton } from './CheckButton';
import type { LaneView } from '../../../../src-main/contract';
import { EmptyState } from '../../components/EmptyState';
import { LanEndpointsCard } from './LanEndpointsCard';
import { formatTime, plural } from './lane-format';
import { LANE_COLUMNS, LaneRow } from './LaneRow';
import { LocalityBadge } from './LocalityBadge';
import { ManagedLanesCard } from './ManagedLanesCard';
import { ALL_LANES, useLanes } from './useLanes';
import type { CheckState } from './useLanes';

/** Lanes grouped by alias, aliases in name order, each group in the order routing tries them. */
function groupByAlias(lanes: LaneView[]): [string, LaneView[]][] {
  const groups = new Map<string, LaneView[]>();
  for (const lane of lanes) groups.set(lane.alias, [...(groups.get(lane.alias) ?? []), lane]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

const HEALTH_ORDER = ['healthy', 'degraded', 'down', 'unknown'] as const;

function checkSummary(check: Extract<CheckState, { status: 'done' }>): string {
  if (check.lanes.length === 0) return 'No lanes are watched, so there was nothing to check.';
  const counts = HEALTH_ORDER.map(
    (state) => [state, check.lanes.filter((lane) => lane.health?.state === state).length] as const,
  )
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${count} ${state}`);
  return `Checked ${plural(check.lanes.length, 'lane')} at ${formatTime(check.at)}: ${counts.join(', ')}.`;
}

function StoreProblem({ problem }: { problem: string }) {
  return (
    <div className="lanes-banner" role="alert" data-testid="lanes-store-problem">
      <TriangleAlert size={18} aria-hidden="true" className="lanes-banner__icon" />
      <div>
        <div className="lanes-banner__title">Your saved lanes cannot be read</div>
        <p>
          Homelane left the file as it is and uses none of its lanes until it is fixed. Correct it
          (or move it away), then restart Homelane.
        </p>
        <pre className="lanes-banner__detail">{problem}</pre>
      </div>
    </div>
  );
}

function NoLanes() {
  return (
    <EmptyState icon={Server} title="No lanes yet">
      <p>
        A lane is where a routed request is answered. Private work only ever goes to lanes on this
        machine or your network. Add one from a terminal:
      </p>
      <div className="lanes-howto">
        <div className="lanes-howto__item">
          <div className="lanes-howto__label">
            A server on your network (vLLM, llama.cpp, Ollama, LM Studio)
          </div>
          <code className="lanes-howto__command">homelane lanes add URL</code>
        </div>
        <div className="lanes-howto__item">
          <div className="lanes-howto__label">The managed ROCm vLLM container on this machine</div>
          <code className="lanes-howto__command">homelane lanes up vllm --config FILE</code>
        </div>
      </div>
      <p className="muted">Or add them below.</p>
    </EmptyState>
  );
}

/** Every lane with its locality and live health, and the servers behind them. */
export function LanesCard() {
  const { state, checks, check, replace } = useLanes();

  if (state.status === 'loading') return <div className="card muted">Loading lanes…</div>;
  if (state.status === 'error') {
    return (
      <div className="card card--error" role="alert">
        <h2 className="card__title">Lanes could not be listed</h2>
        <p>{state.error.message}</p>
      </div>
    );
  }

  const { lanes, endpoints, managed, storeProblem } = state.list;
  const all = checks[ALL_LANES];
  const allRunning = all?.status === 'running';
  const watched = lanes.filter((lane) => lane.health !== null).length;
  const localities = (['local', 'lan', 'cloud'] as const)
    .map(
      (locality) => [locality, lanes.filter((lane) => lane.locality === locality).length] as const,
    )
    .filter(([, count]) => count > 0);

  return (
    <>
      {storeProblem !== null ? <StoreProblem problem={storeProblem} /> : null}
      {lanes.length === 0 ? (
        <NoLanes />
      ) : (
        <section className="card" aria-labelledby="lanes-title" data-testid="lanes">
          <div className="lanes-card__header">
            <div>
              <h2 className="card__title" id="lanes-title">
                Lanes
              </h2>
              <p className="muted">
                Where requests are answered. Private work only goes to Local and LAN lanes.
              </p>
            </div>
            <CheckButton
              label="Check all"
              running={allRunning}
              disabled={allRunning || watched === 0}
              onClick={() => void check()}
            />
          </div>
          <div className="lanes-card__summary">
            <span>{plural(lanes.length, 'lane')}:</span>
            {localities.map(([locality, count]) => (
              <span key={locality} className="lanes-card__count">
                {count} <LocalityBadge locality={locality} />
              </span>
            ))}
          </div>
          {all?.status === 'done' ? (
            <p className="lanes-check-result" role="status" data-testid="lanes-check-result">
              {checkSummary(all)}
            </p>
          ) : null}
          {all?.status === 'failed' ? (
            <p className="lanes-check-result lanes-check-result--error" role="alert">
              <CircleAlert size={14} aria-hidden="true" /> Check all failed: {all.error.message}
            </p>
          ) : null}
          <table className="table lanes-table lanes-table--lanes">
            <colgroup>
              <col className="lanes-col--lane" />
              <col className="lanes-col--locality" />
              <col className="lanes-col--target" />
              <col className="lanes-col--health" />
              <col className="lanes-col--action" />
            </colgroup>
            <thead>
              <tr>
                <th>Lane</th>
                <th>Locality</th>
                <th>Model sent · endpoint</th>
                <th>Health</th>
                <th>
                  <span className="lanes-sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            {groupByAlias(lanes).map(([alias, group]) => {
              const privateCount = group.filter((lane) => lane.locality !== 'cloud').length;
              return (
                <tbody key={alias} data-alias={alias}>
                  <tr className="lanes-table__group">
                    <th colSpan={LANE_COLUMNS} scope="colgroup">
                      <span className="lanes-table__alias" title={alias}>
                        {alias}
                      </span>
                      <span className="lanes-table__group-note">
                        {plural(group.length, 'lane')} · {privateCount} local or LAN
                      </span>
                    </th>
                  </tr>
                  {group.map((lane) => (
                    <LaneRow
                      key={lane.id}
                      lane={lane}
                      check={checks[lane.id]}
                      allRunning={allRunning}
                      onCheck={(laneId) => void check(laneId)}
                    />
                  ))}
                </tbody>
              );
            })}
          </table>
        </section>
      )}
      <LanEndpointsCard endpoints={endpoints} onChanged={replace} />
      <ManagedLanesCard managed={managed} onChanged={replace} />
    </>
  );
}
