import type { EventName, EventPayload } from './events';
import type { MethodInput, MethodName, MethodOutput } from './methods';
import type { Result } from './result';

/**
 * What the renderer (or any other consumer) holds: one typed `call`. The
 * Electron bridge and the HTTP client both implement it, so a page cannot
 * tell which transport it runs on.
 */
export interface HomelaneClient {
  readonly transport: 'ipc' | 'http';
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  /** Listens for a pushed event; returns the function that stops listening. */
  subscribe<E extends EventName>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
  ): () => void;
}
