import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToScreens,
  loadWindowState,
  saveWindowState,
  windowStatePath,
} from '../../../src-main/electron/window-state';
import type { WindowState } from '../../../src-main/electron/window-state';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

const LAPTOP = { x: 0, y: 0, width: 1440, height: 875 };
const MONITOR_RIGHT = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('window state file', () => {
  it('round-trips through an atomic write, leaving no temporary file', () => {
    const file = windowStatePath(temp.dir);
    const state: WindowState = {
      bounds: { x: 10, y: 20, width: 1200, height: 800 },
      maximized: true,
    };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
    expect(readdirSync(temp.dir)).toEqual(['window-state.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
  });

  it('falls back to the default when the file is missing, not JSON or of the wrong shape', () => {
    expect(loadWindowState(join(temp.dir, 'absent.json'))).toEqual(DEFAULT_WINDOW_STATE);
    const file = join(temp.dir, 'bad.json');
    for (const text of [
      '{ nope',
      '[]',
      JSON.stringify({ bounds: { width: -5, height: 10 }, maximized: false }),
      JSON.stringify({ bounds: { x: 1.5, y: 0, width: 900, height: 600 }, maximized: false }),
      JSON.stringify({ bounds: { width: 900, height: 600 }, maximized: 'yes' }),
    ]) {
      writeFileSync(file, text);
      expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    }
  });

  it('keeps a size without a place, and drops a lone coordinate', () => {
    const file = join(temp.dir, 'partial.json');
    writeFileSync(
      file,
      JSON.stringify({ bounds: { x: 5, width: 1000, height: 700 }, maximized: false }),
    );
    expect(loadWindowState(file)).toEqual({
      bounds: { width: 1000, height: 700 },
      maximized: false,
    });
  });

  it('does not throw when the folder cannot be written', () => {
    expect(() =>
      saveWindowState(join(temp.dir, 'missing', 'window-state.json'), DEFAULT_WINDOW_STATE),
    ).not.toThrow();
  });
});

describe('fitToScreens', () => {
  it('keeps a window that is on a screen', () => {
    const state: WindowState = {
      bounds: { x: 1600, y: 100, width: 1400, height: 900 },
      maximized: false,
    };
    expect(fitToScreens(state, [LAPTOP, MONITOR_RIGHT])).toEqual(state);
  });

  it('lets the OS place a window whose monitor is gone, sized for the primary screen', () => {
    const state: WindowState = {
      bounds: { x: 1600, y: 100, width: 2000, height: 1300 },
      maximized: true,
    };
    expect(fitToScreens(state, [LAPTOP])).toEqual({
      bounds: { width: 1440, height: 875 },
      maximized: true,
    });
  });

  it('moves a window that hangs off the edge back onto its screen', () => {
    const state: WindowState = {
      bounds: { x: 1200, y: 700, width: 1000, height: 700 },
      maximized: false,
    };
    expect(fitToScreens(state, [LAPTOP])).toEqual({
      bounds: { x: 440, y: 175, width: 1000, height: 700 },
      maximized: false,
    });
  });

  it('treats a window with only a sliver of title bar on screen as lost', () => {
    const state: WindowState = {
      bounds: { x: 1400, y: -600, width: 1000, height: 700 },
      maximized: false,
    };
    expect(fitToScreens(state, [LAPTOP]).bounds).toEqual({ width: 1000, height: 700 });
  });

  it('never makes a window smaller than its minimum, nor larger than a small screen', () => {
    const tiny: WindowState = { bounds: { width: 300, height: 200 }, maximized: false };
    expect(fitToScreens(tiny, [LAPTOP]).bounds).toEqual({ width: 900, height: 600 });
    const small = { x: 0, y: 0, width: 800, height: 500 };
    expect(fitToScreens(DEFAULT_WINDOW_STATE, [small]).bounds).toEqual({ width: 800, height: 500 });
  });

  it('leaves the state alone when no screen is known', () => {
    expect(fitToScreens(DEFAULT_WINDOW_STATE, [])).toBe(DEFAULT_WINDOW_STATE);
  });
});
