import { BrowserWindow } from 'electron';
import { fileURLToPath } from 'node:url';

/** Where the renderer is loaded from: the dev server, or the built file. */
export function rendererUrl(): string {
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  if (devUrl) return devUrl;
  return new URL('../renderer/index.html', import.meta.url).href;
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Homelane',
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl());
  return window;
}
