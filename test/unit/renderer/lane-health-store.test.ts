import { describe, expect, it } from 'vitest';
import type { LaneHealthView, LaneView } from '../../../src-main/contract';
import {
  applyChange,
  lanesIn,
  mergeLaneList,
} from '../../../src-renderer/src/state/lane-health-store';

const health = (state: LaneHealthView['state'], checks: number): LaneHealthView => ({
  state,
  since: 0,
  lastCheckedAt: null,
  lastLatencyMs: null,
  avgLatencyMs: null,
  checks,
  failures: 0,
  consecutiveFailures: 0,
  lastError: state === 'down' ? { code: 'unreachable', message: 'refused' } : null,
});

const lane = (id: string, view: LaneHealthView | null): LaneView => ({
  id,
  alias: id.split('@')[0] ?? id,
  origin: 'lan',
  source: 'box',
  locality: 'lan',
  localitySource: 'endpoint',
  upstreamModelId: 'm',
  apiFormat: 'openai',
  baseUrl: view ? 'http://box/v1' : null,
  unroutable: view ? null : 'no endpoint',
  health: view,
});

describe('the sidebar lane alert', () => {
  it('keeps the watched lanes of a list, and only them', () => {
    const lanes = mergeLaneList({}, [lane('a@box', health('healthy', 1)), lane('b@x', null)]);
    expect(Object.keys(lanes)).toEqual(['a@box']);
  });

  it('follows a pushed change, but never rolls back to an older snapshot', () => {
    let lanes = mergeLaneList({}, [lane('a@box', health('healthy', 3))]);
    lanes = applyChange(lanes, {
      laneId: 'a@box',
      from: 'healthy',
      to: 'down',
      health: health('down', 5),
    });
    expect(lanesIn(lanes, 'down')).toEqual(['a@box']);
    expect(lanes['a@box']?.lastError).toBe('unreachable: refused');
    // A list read before the change arrived later: the newer state stays.
    lanes = mergeLaneList(lanes, [lane('a@box', health('healthy', 4))]);
    expect(lanesIn(lanes, 'down')).toEqual(['a@box']);
    // A forgotten lane leaves with the next list.
    expect(mergeLaneList(lanes, [])).toEqual({});
  });

  it('lists the lanes in a state, sorted', () => {
    const lanes = mergeLaneList({}, [
      lane('z@box', health('down', 2)),
      lane('a@box', health('down', 2)),
      lane('m@box', health('degraded', 1)),
    ]);
    expect(lanesIn(lanes, 'down')).toEqual(['a@box', 'z@box']);
    expect(lanesIn(lanes, 'degraded')).toEqual(['m@box']);
  });
});
