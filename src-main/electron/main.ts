// The Electron main process: one instance, a thin shell around the core
// process (see desktop-app.ts for the wiring).
import { app, dialog, protocol } from 'electron';
import { createLogger } from '../core/logger';
import { APP_SCHEME_REGISTRATION } from './app-protocol';
import type { DesktopApp } from './desktop-app';
import { startDesktopApp } from './desktop-app';
import { startFailedDialog } from './first-start-messages';

const log = createLogger('electron');

// Before the app is ready: the renderer's scheme is a secure, standard origin.
protocol.registerSchemesAsPrivileged([APP_SCHEME_REGISTRATION]);

if (!app.requestSingleInstanceLock()) {
  // Another Homelane runs: it shows its window (second-instance), this one leaves.
  app.quit();
} else {
  let desktop: DesktopApp | null = null;
  app.on('second-instance', () => desktop?.reveal());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(() => {
      desktop = startDesktopApp(import.meta.url);
    })
    .catch((error: unknown) => {
      log.fatal({ err: error }, 'Homelane could not start');
      const text = startFailedDialog(error instanceof Error ? error.message : String(error));
      dialog.showErrorBox(text.title, `${text.message}\n\n${text.detail}`);
      app.exit(1);
    });
}
