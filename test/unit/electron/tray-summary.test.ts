import { describe, expect, it, vi } from 'vitest';
import type { CoreStatus, LaneView } from '../../../src-main/contract';
import { LaneBoard, MAX_LANE_LINES, summarizeLanes } from '../../../src-main/electron/tray-summary';
import type { LaneEntry } from '../../../src-main/electron/tray-summary';
import { trayMenuTemplate } from '../../../src-main/electron/tray';

vi.mock('electron', async () => import('../../support/fake-electron'));

const READY: CoreStatus = { state: 'ready', message: null };

function lane(id: string, locality: 'local' | 'lan' | 'cloud', state: string | null): LaneView {
  return {
    id,
    alias: id.split('@')[0] ?? id,
    origin: 'lan',
    source: null,
    locality,
    localitySource: 'test',
    upstreamModelId: 'm',
    apiFormat: 'openai',
    baseUrl: null,
    unroutable: state === null ? 'no key' : null,
    health:
      state === null
        ? null
        : {
            state: state as 'healthy',
            since: 0,
            lastCheckedAt: null,
            lastLatencyMs: null,
            avgLatencyMs: null,
            checks: 0,
            failures: 0,
            consecutiveFailures: 0,
            lastError: null,
          },
  };
}

function board(lanes: LaneView[]): readonly LaneEntry[] {
  const b = new LaneBoard();
  b.set(lanes);
  return b.entries ?? [];
}

describe('tray summary', () => {
  it('counts healthy lanes among the watched ones and names the trouble', () => {
    const lanes = board([
      lane('qwen@gpu-box', 'lan', 'healthy'),
      lane('local-qwen', 'local', 'down'),
      lane('frontier', 'cloud', 'degraded'),
      lane('claude', 'cloud', null),
    ]);
    expect(summarizeLanes(lanes, READY)).toEqual({
      tooltip: 'Homelane — 1 of 3 lanes healthy · 1 down · 1 degraded',
      headline: '1 of 3 lanes healthy · 1 down · 1 degraded',
      lines: [
        'qwen@gpu-box (lan) — healthy',
        'local-qwen (local) — down',
        'frontier (cloud) — degraded',
        'claude (cloud) — not watched',
      ],
      attention: true,
    });
  });

  it('is calm when every lane is healthy, and says when there are none', () => {
    expect(summarizeLanes(board([lane('a', 'local', 'healthy')]), READY)).toMatchObject({
      tooltip: 'Homelane — 1 of 1 lane healthy',
      attention: false,
    });
    expect(summarizeLanes([], READY)).toMatchObject({ headline: 'No lanes yet', attention: false });
    expect(summarizeLanes(null, READY)).toMatchObject({ headline: 'Lanes: loading…' });
  });

  it('says the core is down before anything about lanes', () => {
    const lanes = board([lane('a', 'local', 'healthy')]);
    expect(summarizeLanes(lanes, { state: 'restarting', message: 'x' })).toEqual({
      tooltip: 'Homelane — Core restarting…',
      headline: 'Core restarting…',
      lines: [],
      attention: true,
    });
    expect(summarizeLanes(lanes, { state: 'failed', message: 'x' }).headline).toBe('Core stopped');
    expect(summarizeLanes(lanes, { state: 'starting', message: null }).headline).toBe(
      'Core starting…',
    );
  });

  it('lists at most a screenful of lanes', () => {
    const many = board(
      Array.from({ length: MAX_LANE_LINES + 3 }, (_, i) => lane(`l${i}`, 'lan', 'healthy')),
    );
    const { lines } = summarizeLanes(many, READY);
    expect(lines).toHaveLength(MAX_LANE_LINES + 1);
    expect(lines.at(-1)).toBe('…and 3 more');
  });

  it('follows health changes, and asks for a new list for an unknown lane', () => {
    const b = new LaneBoard();
    const change = {
      laneId: 'a',
      from: 'healthy' as const,
      to: 'down' as const,
      health: lane('a', 'lan', 'down').health ?? never(),
    };
    expect(b.apply(change)).toBe(false);
    b.set([lane('a', 'lan', 'healthy')]);
    expect(b.apply(change)).toBe(true);
    expect(b.entries).toEqual([{ id: 'a', locality: 'lan', state: 'down' }]);
    expect(b.apply({ ...change, laneId: 'b' })).toBe(false);
  });
});

describe('tray menu', () => {
  const actions = { open: vi.fn(), restartCore: vi.fn(), quit: vi.fn() };

  it('opens the window, lists the lanes read-only and quits', () => {
    const summary = summarizeLanes(board([lane('a@box', 'lan', 'healthy')]), READY);
    const menu = trayMenuTemplate(summary, READY, actions);
    expect(menu.map((item) => [item.label ?? item.type, item.enabled ?? true])).toEqual([
      ['Open Homelane', true],
      ['separator', true],
      ['1 of 1 lane healthy', false],
      ['a@box (lan) — healthy', false],
      ['separator', true],
      ['Quit Homelane', true],
    ]);
    menu[0]?.click?.({} as never, undefined, {} as never);
    menu.at(-1)?.click?.({} as never, undefined, {} as never);
    expect(actions.open).toHaveBeenCalledOnce();
    expect(actions.quit).toHaveBeenCalledOnce();
  });

  it('offers to restart the core once it was given up on', () => {
    const failed: CoreStatus = { state: 'failed', message: 'stopped 4 times' };
    const menu = trayMenuTemplate(summarizeLanes(null, failed), failed, actions);
    const labels = menu.map((item) => item.label ?? item.type);
    expect(labels).toEqual([
      'Open Homelane',
      'separator',
      'Core stopped',
      'separator',
      'Restart the core',
      'Quit Homelane',
    ]);
    menu[4]?.click?.({} as never, undefined, {} as never);
    expect(actions.restartCore).toHaveBeenCalledOnce();
  });
});

function never(): never {
  throw new Error('unreachable');
}
