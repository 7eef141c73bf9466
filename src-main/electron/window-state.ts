import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { createLogger } from '../core/logger';

const log = createLogger('window-state');

// The main window's size, place and maximized flag, kept in the data folder
// between runs. A missing or damaged file means the default; a saved place
// that is no longer on any screen (a monitor was unplugged) is corrected.

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowBounds {
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: WindowBounds;
  maximized: boolean;
}

export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const;
export const DEFAULT_WINDOW_STATE: WindowState = {
  bounds: { width: 1280, height: 820 },
  maximized: false,
};

/** How much of the title bar must lie on a screen for the window to count as reachable. */
const REACHABLE = { width: 120, height: 40 } as const;

const coordinate = z.number().int().min(-100_000).max(100_000);
const size = z.number().int().min(1).max(100_000);
const WindowStateSchema = z.object({
  bounds: z.object({
    x: coordinate.optional(),
    y: coordinate.optional(),
    width: size,
    height: size,
  }),
  maximized: z.boolean(),
});

export function windowStatePath(dataDir: string): string {
  return join(dataDir, WINDOW_STATE_FILE);
}

/** The saved state, or the default when there is none or it cannot be read. */
export function loadWindowState(file: string): WindowState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(text));
    if (parsed.success) return normalise(parsed.data);
  } catch {
    // Not JSON: fall through to the default.
  }
  log.warn({ file }, 'the saved window state is damaged; using the default');
  return DEFAULT_WINDOW_STATE;
}

function normalise(state: z.infer<typeof WindowStateSchema>): WindowState {
  const { x, y, width, height } = state.bounds;
  const bounds: WindowBounds =
    x === undefined || y === undefined ? { width, height } : { x, y, width, height };
  return { bounds, maximized: state.maximized };
}

/** Writes the state atomically: a temporary file beside it, then a rename. */
export function saveWindowState(file: string, state: WindowState): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o644 });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    log.warn({ err: error, file }, 'the window state could not be saved');
  }
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/**
 * The state corrected for the screens there are now (their work areas, the
 * primary first): the size is clamped to the screen the window is on, and a
 * window whose title bar is on no screen loses its place (the OS centres it).
 */
export function fitToScreens(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  const { x, y } = state.bounds;
  const placed = x !== undefined && y !== undefined;
  const titleBar = placed
    ? { x, y, width: state.bounds.width, height: Math.min(REACHABLE.height, state.bounds.height) }
    : null;
  const home = titleBar
    ? workAreas.find((area) => {
        const seen = overlap(titleBar, area);
        const needWidth = Math.min(REACHABLE.width, titleBar.width);
        return seen.width >= needWidth && seen.height >= titleBar.height;
      })
    : undefined;
  const screen = home ?? primary;
  const width = clamp(state.bounds.width, MIN_WINDOW_SIZE.width, screen.width);
  const height = clamp(state.bounds.height, MIN_WINDOW_SIZE.height, screen.height);
  if (!home || x === undefined || y === undefined) {
    return { bounds: { width, height }, maximized: state.maximized };
  }
  // Keep the window whole on its screen when it still fits.
  const fittedX = clamp(x, screen.x, screen.x + screen.width - width);
  const fittedY = clamp(y, screen.y, screen.y + screen.height - height);
  return { bounds: { x: fittedX, y: fittedY, width, height }, maximized: state.maximized };
}

/** `value` within [min, max]; when the range is empty (a tiny screen), `max` wins. */
function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
