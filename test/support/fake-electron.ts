import { EventEmitter } from 'node:events';

// A stand-in for the `electron` module, for testing main-process and preload
// code under Node (the Electron runtime cannot run here). It records what
// the code asks of Electron so tests can assert on it, and routes
// ipcRenderer.invoke to the handler main registered with ipcMain.handle.

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export const recorded = {
  windows: [] as FakeBrowserWindow[],
  exposed: new Map<string, unknown>(),
  handlers: new Map<string, Handler>(),
  permissionHandler: null as
    null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
  permissionCheck: null as null | (() => boolean),
  userData: '',
  /** The frame ipcRenderer.invoke claims to come from; tests set it. */
  senderFrame: null as FakeFrame | null,
};

/** Listeners the preload registered with ipcRenderer.on. */
const rendererEvents = new EventEmitter();

const ourContents = {
  id: 1,
  isDestroyed: () => false,
  getURL: () => recorded.windows[0]?.loadedUrl ?? '',
  /** webContents.send: delivered to the preload's ipcRenderer.on listeners, cloned as IPC does. */
  send(channel: string, ...args: unknown[]) {
    rendererEvents.emit(channel, {}, ...structuredClone(args));
  },
};

export class FakeBrowserWindow extends EventEmitter {
  static getAllWindows = () => recorded.windows;
  static fromWebContents = (contents: unknown) =>
    contents === ourContents ? (recorded.windows[0] ?? null) : null;
  loadedUrl = '';
  webContents = ourContents;
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorded.windows.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {}
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
}

class FakeApp extends EventEmitter {
  getPath(name: string) {
    if (name !== 'userData') throw new Error(`unexpected app.getPath(${name})`);
    return recorded.userData;
  }
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return Promise.resolve();
  }
  quit() {}
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
  },
};

export const webContents = {
  fromFrame: (frame: FakeFrame) => (frame ? ourContents : undefined),
};

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
