import type { App, Session, WebContents } from 'electron';
import { createLogger } from '../core/logger';
import { isExternalWebUrl } from './external-links';

const log = createLogger('hardening');

export interface HardeningOptions {
  /** Whether a URL is a page of ours (the only place a window may show). */
  isOurPage(url: string): boolean;
  /** Asked to open an http(s) link the page tried to follow, in the system browser. */
  openExternal(url: string, contents: WebContents): void;
}

/**
 * App-wide guards for every web contents: no navigation away from our page
 * (an http(s) link goes to the system browser instead, through `openExternal`),
 * no new windows, no <webview>.
 */
export function hardenApp(app: App, options: HardeningOptions): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    const refuseNavigation = (event: { preventDefault(): void }, url: string) => {
      if (options.isOurPage(url)) return;
      event.preventDefault();
      if (isExternalWebUrl(url)) {
        options.openExternal(url, contents);
      } else {
        log.warn({ scheme: url.split(':')[0] }, 'navigation refused');
      }
    };
    contents.on('will-navigate', refuseNavigation);
    contents.on('will-redirect', refuseNavigation);
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalWebUrl(url)) options.openExternal(url, contents);
      else log.warn({ scheme: url.split(':')[0] }, 'new window refused');
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** Every permission (camera, microphone, notifications, USB, …) is denied, asked or checked. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.info({ permission }, 'permission request denied');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
