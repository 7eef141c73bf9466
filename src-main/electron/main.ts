import { BrowserWindow, app, ipcMain, safeStorage, session, webContents } from 'electron';
import { createLogger } from '../core/logger';
import { prepareDataDir } from '../core/services/data-dir';
import { closeServiceContext, createServiceContext } from '../core/services/create-context';
import type { ServiceContext } from '../core/services/context';
import { loadProfile } from '../core/services/default-profile';
import { createHandlers } from '../core/services/handlers';
import { EnvSecretStore } from '../core/secrets/env-secret-store';
import { LayeredSecretStore } from '../core/secrets/layered-secret-store';
import { forwardEvents } from './event-forwarding';
import { SafeStorageSecretStore } from './safe-storage-secret-store';
import { denyPermissions, hardenApp } from './hardening';
import { registerIpcTransport } from './ipc-transport';
import { isTrustedSender } from './sender-trust';
import { createMainWindow, rendererUrl } from './window';

const log = createLogger('electron');

function isOurPage(url: string): boolean {
  return isTrustedSender({ url, isTopFrame: true, isOurWindow: true }, rendererUrl());
}

/** Longest wait at quit for running chat turns to be stopped and stored. */
const CLOSE_TIMEOUT_MS = 5_000;

/** At quit, running chat turns are stopped and stored and the database closed; then the app quits. */
function closeOnQuit(context: ServiceContext): void {
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    closed = true;
    event.preventDefault();
    const timeout = new Promise<void>((done) => setTimeout(done, CLOSE_TIMEOUT_MS).unref());
    Promise.race([closeServiceContext(context), timeout])
      .catch((error: unknown) => log.error({ err: error }, 'closing the app failed'))
      .finally(() => app.quit());
  });
}

async function start(): Promise<void> {
  const dataDir = prepareDataDir(app.getPath('userData'));
  // Keys: an environment variable wins; otherwise the OS keychain.
  const secrets = new LayeredSecretStore(
    new EnvSecretStore(process.env),
    new SafeStorageSecretStore(dataDir, safeStorage),
  );
  const context = await createServiceContext({
    runtime: 'electron',
    dataDir,
    secrets,
    profile: await loadProfile(),
  });
  const handlers = createHandlers(context);
  forwardEvents(
    context.events,
    () => BrowserWindow.getAllWindows().map((window) => window.webContents),
    isOurPage,
  );
  closeOnQuit(context);
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
