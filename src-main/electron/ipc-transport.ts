import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { IPC_CALL_CHANNEL, fail } from '../contract';
import type { Result } from '../contract';
import { createLogger } from '../core/logger';
import type { SenderInfo } from './sender-trust';
import { checkCall } from './validate-call';

const log = createLogger('ipc');

const CallPayloadSchema = z
  .object({ method: z.string().min(1).max(200), input: z.unknown() })
  .strict();

/** Whatever answers contract calls: the core process, through its relay. */
export interface CoreCaller {
  call(method: string, input: unknown): Promise<Result<unknown>>;
}

export interface IpcTransportOptions {
  core: CoreCaller;
  /** Describes the frame behind an event (kept separate so it can be tested). */
  describeSender(event: IpcMainInvokeEvent): SenderInfo | null;
  isTrusted(sender: SenderInfo): boolean;
}

/**
 * Serves the HomelaneApi on the IPC call channel: the sender is checked, the
 * payload's shape and the method's input are validated against the contract,
 * and only then is the call handed to the core. Nothing is thrown back.
 */
export function registerIpcTransport(ipcMain: IpcMain, options: IpcTransportOptions): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, payload: unknown): Promise<Result<unknown>> => {
    const sender = options.describeSender(event);
    if (!sender || !options.isTrusted(sender)) {
      log.warn({ url: sender?.url }, 'refused an IPC call from an untrusted frame');
      return fail('forbidden', 'This frame may not call the Homelane API.');
    }
    const parsed = CallPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      return fail('invalid_input', 'An IPC call must be { method, input }.');
    }
    const { method, input } = parsed.data;
    const refused = checkCall(method, input);
    if (refused) return refused;
    try {
      return await options.core.call(method, input);
    } catch (error) {
      log.error({ err: error, method }, 'the core relay failed');
      return fail('internal', `${method} failed unexpectedly; the log has the details.`);
    }
  });
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}
