import { BRIDGE_GLOBAL } from '../../../src-main/contract/ipc';
import type { HomelaneClient } from '../../../src-main/contract/client';
import type { HomelaneBridge } from '../../../src-main/contract/ipc';
import { createBridgeClient } from './bridge-client';
import { createHttpClient } from './http-client';

/**
 * Chosen once at start: inside Electron the preload has exposed the bridge;
 * in a browser the page was served by `homelane serve`, so its own origin is
 * the API.
 */
export function pickClient(scope: Record<string, unknown>, origin: string): HomelaneClient {
  const bridge = scope[BRIDGE_GLOBAL] as HomelaneBridge | undefined;
  if (bridge && typeof bridge.call === 'function') return createBridgeClient(bridge);
  return createHttpClient(origin);
}
