import { EventEmitter } from 'node:events';

// A stand-in for the `electron` module, for testing main-process and preload
// code under Node (the Electron runtime cannot run here). It records what
// the code asks of Electron so tests can assert on it, routes
// ipcRenderer.invoke to the handler main registered with ipcMain.handle, and
// starts the core process through `recorded.forkCore`, which a test sets.

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export interface FakeRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const recorded = {
  windows: [] as FakeBrowserWindow[],
  exposed: new Map<string, unknown>(),
  handlers: new Map<string, Handler>(),
  permissionHandler: null as
    null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
  permissionCheck: null as null | (() => boolean),
  devicePermission: null as null | (() => boolean),
  /** The frame ipcRenderer.invoke claims to come from; tests set it. */
  senderFrame: null as FakeFrame | null,
  /** What app.requestSingleInstanceLock answers. */
  singleInstanceLock: true,
  quitCalls: 0,
  privilegedSchemes: [] as unknown[],
  /** Whether registerSchemesAsPrivileged came before the app was ready. */
  schemesRegisteredBeforeReady: false,
  protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response> | Response>(),
  opened: [] as string[],
  messageBoxes: [] as Array<Record<string, unknown>>,
  errorBoxes: [] as Array<{ title: string; content: string }>,
  forks: [] as Array<{ modulePath: string; options: unknown }>,
  /** Starts the core process for utilityProcess.fork. */
  forkCore: null as null | (() => unknown),
  trays: [] as FakeTray[],
  displays: [{ x: 0, y: 0, width: 1920, height: 1040 }] as FakeRect[],
};

/** Listeners the preload registered with ipcRenderer.on. */
const rendererEvents = new EventEmitter();
let ready = false;

/** A window's web contents: IPC sends to the preload, and the events Electron emits. */
export class FakeWebContents extends EventEmitter {
  openHandler: null | ((details: { url: string }) => unknown) = null;
  constructor(private readonly owner: () => FakeBrowserWindow) {
    super();
  }
  isDestroyed() {
    return false;
  }
  getURL() {
    return this.owner().loadedUrl;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.openHandler = handler;
  }
  /** webContents.send: delivered to the preload's ipcRenderer.on listeners, cloned as IPC does. */
  send(channel: string, ...args: unknown[]) {
    rendererEvents.emit(channel, {}, ...structuredClone(args));
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static getAllWindows = () => recorded.windows.filter((window) => !window.destroyed);
  static fromWebContents = (contents: unknown) =>
    recorded.windows.find((window) => window.webContents === contents) ?? null;
  loadedUrl = '';
  destroyed = false;
  maximized = false;
  focused = true;
  shown = false;
  focusCalls = 0;
  normalBounds: FakeRect;
  readonly webContents = new FakeWebContents(() => this);
  constructor(readonly options: Record<string, unknown>) {
    super();
    const n = (key: string, fallback: number) =>
      typeof options[key] === 'number' ? (options[key] as number) : fallback;
    this.normalBounds = {
      x: n('x', 100),
      y: n('y', 100),
      width: n('width', 800),
      height: n('height', 600),
    };
    recorded.windows.push(this);
    // As in Electron, every new web contents is announced to the app.
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  isVisible() {
    return this.shown;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return this.maximized;
  }
  isFocused() {
    return this.focused;
  }
  maximize() {
    this.maximized = true;
  }
  getNormalBounds() {
    return { ...this.normalBounds };
  }
  restore() {}
  focus() {
    this.focusCalls += 1;
  }
  /** Test helper: the window closes (it saves its state, then is gone). */
  close() {
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
  }
}

class FakeApp extends EventEmitter {
  getPath(name: string): string {
    throw new Error(`unexpected app.getPath(${name})`);
  }
  requestSingleInstanceLock() {
    return recorded.singleInstanceLock;
  }
  whenReady() {
    return Promise.resolve().then(() => {
      ready = true;
    });
  }
  quit() {
    recorded.quitCalls += 1;
  }
  exit() {}
}

export const app = new FakeApp();
export const BrowserWindow = FakeBrowserWindow;

export const ipcMain = {
  handle(channel: string, handler: Handler) {
    recorded.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    recorded.handlers.delete(channel);
  },
};

export const ipcRenderer = {
  on(channel: string, listener: (...args: unknown[]) => void) {
    rendererEvents.on(channel, listener);
  },
  removeListener(channel: string, listener: (...args: unknown[]) => void) {
    rendererEvents.removeListener(channel, listener);
  },
  async invoke(channel: string, ...args: unknown[]) {
    const handler = recorded.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // Electron structured-clones IPC payloads in both directions.
    const event = { senderFrame: recorded.senderFrame };
    return structuredClone(await handler(event, ...structuredClone(args)));
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    recorded.exposed.set(key, api);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: typeof recorded.permissionHandler) {
      recorded.permissionHandler = handler;
    },
    setPermissionCheckHandler(handler: typeof recorded.permissionCheck) {
      recorded.permissionCheck = handler;
    },
    setDevicePermissionHandler(handler: typeof recorded.devicePermission) {
      recorded.devicePermission = handler;
    },
  },
};

export const webContents = {
  fromFrame: (frame: FakeFrame | null) => (frame ? recorded.windows[0]?.webContents : undefined),
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    recorded.schemesRegisteredBeforeReady = !ready;
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: { url: string }) => Promise<Response> | Response) {
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const shell = {
  openExternal(url: string) {
    recorded.opened.push(url);
    return Promise.resolve();
  },
};

export const dialog = {
  showMessageBox(options: Record<string, unknown>) {
    recorded.messageBoxes.push(options);
    return Promise.resolve({ response: 0, checkboxChecked: false });
  },
  showErrorBox(title: string, content: string) {
    recorded.errorBoxes.push({ title, content });
  },
};

export const screen = {
  getPrimaryDisplay: () => ({ workArea: recorded.displays[0] }),
  getAllDisplays: () => recorded.displays.map((workArea) => ({ workArea })),
};

export const utilityProcess = {
  fork(modulePath: string, _args: string[], options: unknown) {
    recorded.forks.push({ modulePath, options });
    if (!recorded.forkCore) throw new Error('the test did not set recorded.forkCore');
    return recorded.forkCore();
  },
};

export const nativeImage = {
  createFromPath: (path: string) => ({ path }),
};

export interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
}

export const Menu = {
  buildFromTemplate: (template: FakeMenuItem[]) => ({ items: template }),
};

export class FakeTray extends EventEmitter {
  tooltip = '';
  menu: { items: FakeMenuItem[] } | null = null;
  image: { path: string };
  constructor(image: { path: string }) {
    super();
    this.image = image;
    recorded.trays.push(this);
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: { items: FakeMenuItem[] }) {
    this.menu = menu;
  }
  setImage(image: { path: string }) {
    this.image = image;
  }
  destroy() {}
}
export const Tray = FakeTray;

/** No OS keychain here: encryption is reported unavailable, as on a machine without one. */
export const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: (): Buffer => {
    throw new Error('encryption is not available');
  },
  decryptString: (): string => {
    throw new Error('encryption is not available');
  },
};
