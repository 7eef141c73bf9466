import { BrowserWindow, app, ipcMain, session, webContents } from 'electron';
import { createLogger } from '../core/logger';
import { prepareDataDir } from '../core/services/data-dir';
import { createHandlers } from '../core/services/handlers';
import { denyPermissions, hardenApp } from './hardening';
import { registerIpcTransport } from './ipc-transport';
import { isTrustedSender } from './sender-trust';
import { createMainWindow, rendererUrl } from './window';

const log = createLogger('electron');

function isOurPage(url: string): boolean {
  return isTrustedSender({ url, isTopFrame: true, isOurWindow: true }, rendererUrl());
}

function start(): void {
  const dataDir = prepareDataDir(app.getPath('userData'));
  const handlers = createHandlers({ runtime: 'electron', dataDir, profile: null });
  hardenApp(app, isOurPage);
  denyPermissions(session.defaultSession);
  registerIpcTransport(ipcMain, {
    handlers,
    describeSender: (event) => {
      const frame = event.senderFrame;
      if (!frame) return null;
      const owner = webContents.fromFrame(frame);
      return {
        url: frame.url,
        isTopFrame: frame.parent === null,
        isOurWindow: owner !== undefined && BrowserWindow.fromWebContents(owner) !== null,
      };
    },
    isTrusted: (sender) => isTrustedSender(sender, rendererUrl()),
  });
  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.fatal({ err: error }, 'Homelane could not start');
      app.exit(1);
    });
}
