import type { App, Session, WebContents } from 'electron';
import { createLogger } from '../core/logger';

const log = createLogger('hardening');

/**
 * App-wide guards: no navigation away from our page, no new windows, and
 * every permission request (camera, notifications, …) denied.
 */
export function hardenApp(app: App, isOurPage: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isOurPage(url)) {
        event.preventDefault();
        log.warn({ url }, 'navigation refused');
      }
    });
    contents.setWindowOpenHandler(({ url }) => {
      log.warn({ url }, 'new window refused');
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.info({ permission }, 'permission request denied');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}
