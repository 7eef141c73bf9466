import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { IPC_CALL_CHANNEL, fail } from '../contract';
import type { Result } from '../contract';
import { createLogger } from '../core/logger';
import { dispatch } from '../core/services/dispatch';
import type { ServiceHandlers } from '../core/services/handlers';
import type { SenderInfo } from './sender-trust';

const log = createLogger('ipc');

const CallPayloadSchema = z
  .object({ method: z.string().min(1).max(200), input: z.unknown() })
  .strict();

export interface IpcTransportOptions {
  handlers: ServiceHandlers;
  /** Describes the frame behind an event (kept separate so it can be tested). */
  describeSender(event: IpcMainInvokeEvent): SenderInfo | null;
  isTrusted(sender: SenderInfo): boolean;
}

/** Serves the HomelaneApi on the IPC call channel: sender check, validation, dispatch. */
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
    return dispatch(options.handlers, parsed.data.method, parsed.data.input);
  });
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}
