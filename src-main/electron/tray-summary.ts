import type { CoreStatus, LaneHealthChange, LaneView } from '../contract';

// What the tray says about the lanes: a headline, a line per lane and whether
// something needs attention. Built from `lanes.list`, kept current by
// `lanes.health` events. Plain data, so it is tested without Electron.

export type LaneState = 'unknown' | 'healthy' | 'degraded' | 'down' | 'unwatched';

export interface LaneEntry {
  id: string;
  locality: string;
  state: LaneState;
}

/** The lanes as last seen: null until the first `lanes.list` answer. */
export class LaneBoard {
  private lanes: LaneEntry[] | null = null;

  get entries(): readonly LaneEntry[] | null {
    return this.lanes;
  }

  set(lanes: readonly LaneView[]): void {
    this.lanes = lanes.map((lane) => ({
      id: lane.id,
      locality: lane.locality,
      state: lane.health?.state ?? 'unwatched',
    }));
  }

  /** Applies a health change; false when the lane is not on the board (list again). */
  apply(change: LaneHealthChange): boolean {
    const lane = this.lanes?.find((entry) => entry.id === change.laneId);
    if (!lane) return false;
    lane.state = change.to;
    return true;
  }
}

export interface TraySummary {
  tooltip: string;
  headline: string;
  /** One line per lane (at most MAX_LANE_LINES, then how many more). */
  lines: string[];
  /** The core is not answering, or a lane is down or degraded. */
  attention: boolean;
}

export const MAX_LANE_LINES = 10;

const CORE_HEADLINES: Record<Exclude<CoreStatus['state'], 'ready'>, string> = {
  starting: 'Core starting…',
  restarting: 'Core restarting…',
  failed: 'Core stopped',
};

export function summarizeLanes(lanes: readonly LaneEntry[] | null, core: CoreStatus): TraySummary {
  if (core.state !== 'ready') {
    const headline = CORE_HEADLINES[core.state];
    return { tooltip: `Homelane — ${headline}`, headline, lines: [], attention: true };
  }
  if (lanes === null) {
    return { tooltip: 'Homelane', headline: 'Lanes: loading…', lines: [], attention: false };
  }
  if (lanes.length === 0) {
    return {
      tooltip: 'Homelane — no lanes yet',
      headline: 'No lanes yet',
      lines: [],
      attention: false,
    };
  }
  const count = (state: LaneState) => lanes.filter((lane) => lane.state === state).length;
  const watched = lanes.filter((lane) => lane.state !== 'unwatched').length;
  const healthy = count('healthy');
  const trouble = [
    count('down') > 0 ? `${count('down')} down` : null,
    count('degraded') > 0 ? `${count('degraded')} degraded` : null,
  ].filter((part): part is string => part !== null);
  const noun = watched === 1 ? 'lane' : 'lanes';
  const headline = [`${healthy} of ${watched} ${noun} healthy`, ...trouble].join(' · ');
  const lines = lanes
    .slice(0, MAX_LANE_LINES)
    .map((lane) => `${lane.id} (${lane.locality}) — ${stateWord(lane.state)}`);
  if (lanes.length > MAX_LANE_LINES) lines.push(`…and ${lanes.length - MAX_LANE_LINES} more`);
  return {
    tooltip: `Homelane — ${headline}`,
    headline,
    lines,
    attention: trouble.length > 0,
  };
}

function stateWord(state: LaneState): string {
  return state === 'unwatched' ? 'not watched' : state;
}
