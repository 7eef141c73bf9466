// The preload forwards the HomelaneApi to the renderer and nothing else: no
// raw ipcRenderer, no Node. Everything it sends is validated again in main.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, IPC_CALL_CHANNEL } from '../src-main/contract/ipc';
import type { HomelaneBridge, IpcCallPayload } from '../src-main/contract/ipc';

const bridge: HomelaneBridge = {
  call: (method, input) => {
    const payload: IpcCallPayload = { method, input };
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, payload);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
