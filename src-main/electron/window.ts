import { BrowserWindow, screen } from 'electron';
import type { WebPreferences } from 'electron';
import type { WindowState } from './window-state';
import { MIN_WINDOW_SIZE, fitToScreens, saveWindowState } from './window-state';

/**
 * Every window's web preferences: an isolated, sandboxed renderer with no
 * Node, no <webview>, no remote content mixed in. Tested flag by flag.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const satisfies WebPreferences;

export interface MainWindowOptions {
  /** The page to show (our own scheme, or the dev server while developing). */
  url: string;
  /** The built preload script. */
  preload: string;
  /** The saved size and place (corrected for the screens there are now). */
  state: WindowState;
  /** Where the window's size and place are saved when they change. */
  stateFile: string;
}

const SAVE_DELAY_MS = 500;

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = [
    screen.getPrimaryDisplay().workArea,
    ...screen.getAllDisplays().map((display) => display.workArea),
  ];
  const state = fitToScreens(options.state, workAreas);
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Homelane',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preload },
  });
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  keepWindowState(window, options.stateFile);
  void window.loadURL(options.url);
  return window;
}

/** Saves the window's normal bounds and maximized flag after each change and when it closes. */
function keepWindowState(window: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed()) return;
    saveWindowState(file, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', save);
}

/** Brings the window to the front (a second start of the app, the tray's "Open"). */
export function revealWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
