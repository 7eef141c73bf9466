// The preload forwards the HomelaneApi to the renderer and nothing else: no
// raw ipcRenderer, no Node. Everything it sends is validated again in main.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../src-main/contract/ipc';
import type { EventEnvelope, HomelaneBridge, IpcCallPayload } from '../src-main/contract/ipc';

const bridge: HomelaneBridge = {
  call: (method, input) => {
    const payload: IpcCallPayload = { method, input };
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, payload);
  },
  onEvent: (listener) => {
    const handler = (_event: Electron.IpcRendererEvent, envelope: EventEnvelope) =>
      listener(envelope);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
