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
}
