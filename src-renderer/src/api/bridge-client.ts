import { fail } from '../../../src-main/contract/result';
import type { HomelaneClient } from '../../../src-main/contract/client';
import type { HomelaneBridge } from '../../../src-main/contract/ipc';

/** The HomelaneApi through the Electron preload bridge. */
export function createBridgeClient(bridge: HomelaneBridge): HomelaneClient {
  return {
    transport: 'ipc',
    async call(method, input) {
      try {
        return await bridge.call(method, input);
      } catch (error) {
        return fail('transport', `The desktop app's core did not answer: ${String(error)}`);
      }
    },
    subscribe(event, listener) {
      return bridge.onEvent((envelope) => {
        if (envelope.name === event) listener(envelope.payload as never);
      });
    },
  };
}
