import { fileURLToPath } from 'node:url';
import { APP_ENTRY_URL } from './app-protocol';

export interface AppPaths {
  /** The built renderer's folder, served on the app's scheme. */
  rendererRoot: string;
  preload: string;
  /** The core process's entry (utilityProcess.fork). */
  coreProcess: string;
  trayIcon(file: string): string;
}

/**
 * Where the built app's parts are, from the URL of the built main script
 * (out/main/index.js; passed in by the entry, since a shared chunk lives
 * elsewhere): the renderer, the preload, the core process and the tray
 * icons shipped in resources/.
 */
export function appPaths(mainScriptUrl: string): AppPaths {
  const near = (relative: string) => fileURLToPath(new URL(relative, mainScriptUrl));
  return {
    rendererRoot: near('../renderer/'),
    preload: near('../preload/index.cjs'),
    coreProcess: near('./core-process.js'),
    trayIcon: (file) => near(`../../resources/tray/${file}`),
  };
}

/** The page the window shows: the dev server while developing, else the app's own scheme. */
export function rendererUrl(): string {
  return process.env['ELECTRON_RENDERER_URL'] || APP_ENTRY_URL;
}
