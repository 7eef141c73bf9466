import {
  BrowserWindow,
  app,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  shell,
  utilityProcess,
  webContents,
} from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { createLogger } from '../core/logger';
import { EnvSecretStore } from '../core/secrets/env-secret-store';
import { LayeredSecretStore } from '../core/secrets/layered-secret-store';
import { defaultDataDir, prepareDataDir } from '../core/services/data-dir';
import { APP_SCHEME, serveAppFile } from './app-protocol';
import { appPaths, rendererUrl } from './app-paths';
import { CoreRelay } from './core-relay';
import type { NativeProblem } from './core-protocol';
import { createEventSender } from './event-forwarding';
import { ExternalLinkGate } from './external-links';
import { coreFailedDialog, nativeProblemsDialog } from './first-start-messages';
import type { DialogText } from './first-start-messages';
import { denyPermissions, hardenApp } from './hardening';
import { registerIpcTransport } from './ipc-transport';
import { LaneStatus } from './lane-status';
import type { LaneStatusView } from './lane-status';
import { SafeStorageSecretStore } from './safe-storage-secret-store';
import type { SenderInfo } from './sender-trust';
import { isOurPageUrl, isTrustedSender } from './sender-trust';
import { LaneTray } from './tray';
import type { TrayActions } from './tray';
import { createMainWindow, revealWindow } from './window';
import { loadWindowState, windowStatePath } from './window-state';

const log = createLogger('desktop');

export interface DesktopApp {
  /** Shows the window (creating it when it was closed) and brings it to the front. */
  reveal(): void;
}

function showDialog(text: DialogText): void {
  void dialog.showMessageBox({ type: 'error', buttons: ['OK'], ...text });
}

function describeSender(event: IpcMainInvokeEvent): SenderInfo | null {
  const frame = event.senderFrame;
  if (!frame) return null;
  const owner = webContents.fromFrame(frame);
  return {
    url: frame.url,
    isTopFrame: frame.parent === null,
    isOurWindow: owner !== undefined && BrowserWindow.fromWebContents(owner) !== null,
  };
}

function createTray(actions: TrayActions, icon: (file: string) => string): LaneStatusView {
  try {
    return new LaneTray(
      { normal: icon('tray-icon.png'), attention: icon('tray-icon-attention.png') },
      actions,
    );
  } catch (error) {
    log.warn({ err: error }, 'no tray icon on this desktop');
    return { show: () => undefined };
  }
}

/**
 * Wires the desktop app once Electron is ready: the app's scheme, the
 * guards, the core process and its relay, the IPC transport, the tray and
 * the window. Main stays a thin relay; the core runs in its own process.
 */
export function startDesktopApp(mainScriptUrl: string): DesktopApp {
  const paths = appPaths(mainScriptUrl);
  const dataDir = prepareDataDir(defaultDataDir());
  const pageUrl = rendererUrl();
  const isOurPage = (url: string) => isOurPageUrl(url, pageUrl);

  protocol.handle(APP_SCHEME, (request) => serveAppFile(request.url, paths.rendererRoot));
  const links = new ExternalLinkGate({ open: (url) => shell.openExternal(url) });
  hardenApp(app, {
    isOurPage,
    openExternal: (url, contents) =>
      void links.request(url, BrowserWindow.fromWebContents(contents)?.isFocused() ?? false),
  });
  denyPermissions(session.defaultSession);

  const stateFile = windowStatePath(dataDir);
  let window: BrowserWindow | null = null;
  const reveal = () => {
    if (window && !window.isDestroyed()) {
      revealWindow(window);
      return;
    }
    window = createMainWindow({
      url: pageUrl,
      preload: paths.preload,
      state: loadWindowState(stateFile),
      stateFile,
    });
  };

  const sendEvent = createEventSender(
    () => BrowserWindow.getAllWindows().map((each) => each.webContents),
    isOurPage,
  );
  const reported = new Set<string>();
  const reportNativeProblems = (problems: NativeProblem[]) => {
    const fresh = problems.filter((problem) => !reported.has(problem.module));
    for (const problem of fresh) reported.add(problem.module);
    if (fresh.length > 0) showDialog(nativeProblemsDialog(fresh));
  };

  let lanes: LaneStatus | null = null;
  const relay = new CoreRelay({
    spawn: () =>
      utilityProcess.fork(paths.coreProcess, [], {
        serviceName: 'Homelane core',
        stdio: 'inherit',
      }),
    dataDir,
    // Keys: an environment variable wins; otherwise the OS keychain (main only).
    secrets: new LayeredSecretStore(
      new EnvSecretStore(process.env),
      new SafeStorageSecretStore(dataDir, safeStorage),
    ),
    onEvent: (envelope) => {
      sendEvent(envelope);
      lanes?.onEvent(envelope);
    },
    onStatus: (status) => {
      sendEvent({ name: 'app.core', payload: status });
      lanes?.onCoreStatus(status);
      if (status.state === 'failed') showDialog(coreFailedDialog(status.message ?? ''));
    },
    onNativeProblems: reportNativeProblems,
  });
  const tray = createTray(
    { open: reveal, restartCore: () => relay.restart(), quit: () => app.quit() },
    paths.trayIcon,
  );
  lanes = new LaneStatus(relay, tray);
  const laneStatus = lanes;

  registerIpcTransport(ipcMain, {
    core: {
      call: async (method, input) => {
        const result = await relay.call(method, input);
        laneStatus.afterCall(method);
        return result;
      },
    },
    describeSender,
    isTrusted: (sender) => isTrustedSender(sender, pageUrl),
  });
  relay.start();
  reveal();
  app.on('activate', reveal);
  closeOnQuit(relay, laneStatus);
  return { reveal };
}

/** At quit the core stores running chat turns and closes the database; then the app quits. */
function closeOnQuit(relay: CoreRelay, lanes: LaneStatus): void {
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    closed = true;
    event.preventDefault();
    lanes.stop();
    relay
      .stop()
      .catch((error: unknown) => log.error({ err: error }, 'closing the core failed'))
      .finally(() => app.quit());
  });
}
