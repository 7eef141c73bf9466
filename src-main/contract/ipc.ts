// The Electron IPC transport's wire: shared by main and the preload. This
// module has no runtime imports so the sandboxed preload bundle stays tiny.
import type { EventEnvelope } from './events';

export type { EventEnvelope } from './events';
import type { MethodInput, MethodName, MethodOutput } from './methods';
import type { Result } from './result';

/** The one invoke channel every contract call travels on. */
export const IPC_CALL_CHANNEL = 'homelane:call';

/** The channel main pushes events on (see events.ts). */
export const IPC_EVENT_CHANNEL = 'homelane:event';

/** The payload sent on IPC_CALL_CHANNEL; main validates it before use. */
export interface IpcCallPayload {
  method: string;
  input: unknown;
}

/** What the preload exposes as `window.homelane`: forwarding, nothing else. */
export interface HomelaneBridge {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  /** Every pushed event; returns the function that stops listening. */
  onEvent(listener: (envelope: EventEnvelope) => void): () => void;
}

/** The global name the bridge is exposed under in the renderer. */
export const BRIDGE_GLOBAL = 'homelane';
