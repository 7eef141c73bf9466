import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../src-main/contract';
import { runCoreHost } from '../../../src-main/electron/core-host';
import type { OpenedCore } from '../../../src-main/electron/core-host';
import type { CoreToMain } from '../../../src-main/electron/core-protocol';

function host(open: () => Promise<OpenedCore>, closeTimeoutMs = 1_000) {
  const sent: CoreToMain[] = [];
  let deliver: (message: unknown) => void = () => undefined;
  const exit = vi.fn();
  runCoreHost({
    port: {
      postMessage: (message) => sent.push(message),
      onMessage: (listener) => {
        deliver = listener;
      },
    },
    open,
    probe: async () => [],
    exit,
    closeTimeoutMs,
  });
  return { sent, exit, send: (message: unknown) => deliver(message) };
}

const START = { kind: 'start', dataDir: '/data', secrets: { kind: 'env', writable: false } };

function services(overrides: Partial<OpenedCore> = {}): OpenedCore {
  return {
    call: async (method) => ok(method),
    subscribe: () => () => undefined,
    close: async () => undefined,
    ...overrides,
  };
}

describe('core host', () => {
  it('ignores messages of the wrong shape and starts only once', async () => {
    const open = vi.fn(async () => services());
    const h = host(open);
    for (const junk of [null, 'start', { kind: 'start' }, { kind: 'call', id: -1, method: 'x' }]) {
      h.send(junk);
    }
    expect(open).not.toHaveBeenCalled();
    h.send(START);
    h.send(START);
    await vi.waitFor(() => expect(h.sent).toEqual([{ kind: 'ready', nativeProblems: [] }]));
    expect(open).toHaveBeenCalledOnce();
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ dataDir: '/data' }));
  });

  it('answers a call that arrives before it is ready with `unavailable`', async () => {
    const h = host(async () => services());
    h.send({ kind: 'call', id: 1, method: 'app.info', input: {} });
    await vi.waitFor(() => expect(h.sent).toHaveLength(1));
    expect(h.sent[0]).toMatchObject({
      kind: 'result',
      id: 1,
      result: { ok: false, error: { code: 'unavailable' } },
    });
  });

  it('turns a throwing service into an internal error result', async () => {
    const h = host(async () =>
      services({
        call: async () => {
          throw new Error('boom');
        },
      }),
    );
    h.send(START);
    await vi.waitFor(() => expect(h.sent).toHaveLength(1));
    h.send({ kind: 'call', id: 7, method: 'app.info', input: {} });
    await vi.waitFor(() => expect(h.sent).toHaveLength(2));
    expect(h.sent[1]).toEqual({
      kind: 'result',
      id: 7,
      result: {
        ok: false,
        error: {
          code: 'internal',
          message: 'app.info failed unexpectedly; the log has the details.',
        },
      },
    });
  });

  it('exits at stop even when closing hangs', async () => {
    const h = host(async () => services({ close: () => new Promise(() => undefined) }), 20);
    h.send(START);
    await vi.waitFor(() => expect(h.sent).toHaveLength(1));
    h.send({ kind: 'stop' });
    await vi.waitFor(() => expect(h.exit).toHaveBeenCalledWith(0));
    expect(h.sent.at(-1)).toEqual({ kind: 'stopped' });
  });

  it('closes services that finish opening after a stop', async () => {
    let finishOpening: (core: OpenedCore) => void = () => undefined;
    const close = vi.fn(async () => undefined);
    const h = host(() => new Promise((done) => (finishOpening = done)));
    h.send(START);
    h.send({ kind: 'stop' });
    await vi.waitFor(() => expect(h.exit).toHaveBeenCalledWith(0));
    finishOpening(services({ close }));
    await vi.waitFor(() => expect(close).toHaveBeenCalled());
    expect(h.sent.some((message) => message.kind === 'ready')).toBe(false);
  });
});
