import { Menu, Tray, nativeImage } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { CoreStatus } from '../contract';
import type { LaneEntry, TraySummary } from './tray-summary';
import { summarizeLanes } from './tray-summary';

export interface TrayActions {
  open(): void;
  restartCore(): void;
  quit(): void;
}

export interface TrayIcons {
  normal: string;
  /** Shown while the core is down or a lane is down or degraded. */
  attention: string;
}

/** The tray menu: open, the lanes (read-only lines), restart the core when it gave up, quit. */
export function trayMenuTemplate(
  summary: TraySummary,
  core: CoreStatus,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  const status: MenuItemConstructorOptions[] = [
    { label: summary.headline, enabled: false },
    ...summary.lines.map((line): MenuItemConstructorOptions => ({ label: line, enabled: false })),
  ];
  const restart: MenuItemConstructorOptions[] =
    core.state === 'failed'
      ? [{ label: 'Restart the core', click: () => actions.restartCore() }]
      : [];
  return [
    { label: 'Open Homelane', click: () => actions.open() },
    { type: 'separator' },
    ...status,
    { type: 'separator' },
    ...restart,
    { label: 'Quit Homelane', click: () => actions.quit() },
  ];
}

/** The tray icon with the lanes' status in its tooltip and menu. */
export class LaneTray {
  private readonly tray: Tray;
  private attention = false;

  constructor(
    private readonly icons: TrayIcons,
    private readonly actions: TrayActions,
  ) {
    this.tray = new Tray(nativeImage.createFromPath(icons.normal));
    this.tray.on('click', () => actions.open());
  }

  show(lanes: readonly LaneEntry[] | null, core: CoreStatus): void {
    const summary = summarizeLanes(lanes, core);
    this.tray.setToolTip(summary.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(summary, core, this.actions)));
    if (summary.attention !== this.attention) {
      this.attention = summary.attention;
      this.tray.setImage(
        nativeImage.createFromPath(summary.attention ? this.icons.attention : this.icons.normal),
      );
    }
  }

  destroy(): void {
    this.tray.destroy();
  }
}
