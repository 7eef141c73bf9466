import { describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, ok } from '../../../src-main/contract';
import type { Result } from '../../../src-main/contract';
import { registerIpcTransport } from '../../../src-main/electron/ipc-transport';
import type { CoreCaller } from '../../../src-main/electron/ipc-transport';
import type { SenderInfo } from '../../../src-main/electron/sender-trust';
import { isTrustedSender } from '../../../src-main/electron/sender-trust';

const PAGE = 'homelane://app/index.html';
type Handler = (event: unknown, payload: unknown) => Promise<Result<unknown>>;

function transport(core: CoreCaller = { call: vi.fn(async () => ok('answered')) }) {
  let handler: Handler | null = null;
  const ipcMain = {
    handle: (channel: string, registered: Handler) => {
      expect(channel).toBe(IPC_CALL_CHANNEL);
      handler = registered;
    },
    removeHandler: vi.fn(),
  };
  const stop = registerIpcTransport(ipcMain as never, {
    core,
    describeSender: (event) => (event as unknown as { frame: SenderInfo | null }).frame,
    isTrusted: (sender) => isTrustedSender(sender, PAGE),
  });
  const send = (sender: SenderInfo | null, payload: unknown) => {
    if (!handler) throw new Error('no handler');
    return handler({ frame: sender }, payload);
  };
  return { send, core, stop, ipcMain };
}

const ours: SenderInfo = { url: `${PAGE}#/lanes`, isTopFrame: true, isOurWindow: true };

describe('IPC transport', () => {
  it('forwards a valid call from our page to the core and returns its result', async () => {
    const t = transport();
    expect(await t.send(ours, { method: 'lanes.check', input: { laneId: 'm@box' } })).toEqual(
      ok('answered'),
    );
    expect(t.core.call).toHaveBeenCalledWith('lanes.check', { laneId: 'm@box' });
  });

  it('refuses a foreign sender before reading its payload; nothing is dispatched', async () => {
    const t = transport();
    const senders: Array<SenderInfo | null> = [
      null,
      { ...ours, isTopFrame: false },
      { ...ours, isOurWindow: false },
      { ...ours, url: 'https://example.com/' },
      { ...ours, url: 'file:///home/me/evil.html' },
      { ...ours, url: 'homelane://elsewhere/index.html' },
    ];
    for (const sender of senders) {
      expect(await t.send(sender, { method: 'app.info', input: {} })).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'This frame may not call the Homelane API.' },
      });
    }
    expect(t.core.call).not.toHaveBeenCalled();
  });

  it('answers a malformed payload with invalid_input; nothing is dispatched', async () => {
    const t = transport();
    const payloads: unknown[] = [
      undefined,
      'app.info',
      ['app.info', {}],
      { input: {} },
      { method: '', input: {} },
      { method: 'x'.repeat(201), input: {} },
      { method: 'app.info', input: {}, sneaky: true },
    ];
    for (const payload of payloads) {
      expect(await t.send(ours, payload)).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: 'An IPC call must be { method, input }.' },
      });
    }
    expect(t.core.call).not.toHaveBeenCalled();
  });

  it('checks the method and its input against the contract; nothing bad is dispatched', async () => {
    const t = transport();
    expect(await t.send(ours, { method: 'shell.exec', input: {} })).toEqual({
      ok: false,
      error: {
        code: 'unknown_method',
        message: 'There is no HomelaneApi method named "shell.exec".',
      },
    });
    expect(await t.send(ours, { method: 'toString', input: {} })).toMatchObject({
      error: { code: 'unknown_method' },
    });
    expect(await t.send(ours, { method: 'app.info', input: { extra: 1 } })).toMatchObject({
      error: { code: 'invalid_input' },
    });
    const wrongType = await t.send(ours, { method: 'lanes.check', input: { laneId: ['m'] } });
    expect(wrongType).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/^Invalid input for lanes\.check: laneId: /),
        details: { issues: [{ path: 'laneId' }] },
      },
    });
    expect(t.core.call).not.toHaveBeenCalled();
    // An absent input counts as {} (as in dispatch).
    expect(await t.send(ours, { method: 'app.info', input: undefined })).toEqual(ok('answered'));
  });

  it('turns a failure of the relay into an internal error result, never a throw', async () => {
    const t = transport({
      call: async () => {
        throw new Error('port closed');
      },
    });
    expect(await t.send(ours, { method: 'app.info', input: {} })).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'app.info failed unexpectedly; the log has the details.',
      },
    });
  });

  it('can be removed', () => {
    const t = transport();
    t.stop();
    expect(t.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_CALL_CHANNEL);
  });
});
