import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AppInfoSchema, IPC_CALL_CHANNEL } from '../../../src-main/contract';
import { rendererUrl } from '../../../src-main/electron/window';
import { createBridgeClient } from '../../../src-renderer/src/api/bridge-client';
import type { HomelaneBridge, LaneHealthChange } from '../../../src-main/contract';
import { startStandInLlm } from '../../support/stand-in-llm';
import type { StandInLlm } from '../../support/stand-in-llm';
import { makeTempDir } from '../../support/temp-dir';
import { app, recorded } from '../../support/fake-electron';

vi.mock('electron', async () => import('../../support/fake-electron'));

const temp = makeTempDir();

// Main and the preload run for real against the fake `electron` module; the
// renderer's bridge client then calls through preload -> IPC -> main ->
// services, the whole IPC path but Electron itself.
let llm: StandInLlm;

beforeAll(async () => {
  recorded.userData = `${temp.dir}/userData`;
  // One LAN lane, failing at first, so the health monitor has a change to report later.
  llm = await startStandInLlm();
  await llm.setBehaviour({ status: 500 });
  mkdirSync(recorded.userData, { recursive: true });
  writeFileSync(
    `${recorded.userData}/lanes.json`,
    JSON.stringify({
      version: 1,
      lan: [
        { name: 'box', baseUrl: `${llm.url}/v1`, kind: 'vllm', aliases: { m: 'stand-in-small' } },
      ],
    }),
  );
  await import('../../../src-main/electron/main');
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(1), { timeout: 10_000 });
  await import('../../../src-preload/index');
  return async () => {
    await llm.stop();
    temp.cleanup();
  };
});

function bridge(): HomelaneBridge {
  return recorded.exposed.get('homelane') as HomelaneBridge;
}

describe('main window', () => {
  it('is sandboxed, context-isolated and without Node integration', () => {
    const [window] = recorded.windows;
    const prefs = window?.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String(prefs['preload'])).toMatch(/preload[/\\]index\.cjs$/);
    expect(window?.loadedUrl).toBe(rendererUrl());
  });

  it('denies every permission request', () => {
    const callback = vi.fn();
    recorded.permissionHandler?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(recorded.permissionCheck?.()).toBe(false);
  });

  it('refuses navigation away from our page and every new window', () => {
    const contents = Object.assign(new EventEmitter(), {
      openHandler: null as null | ((details: { url: string }) => unknown),
      setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
        this.openHandler = handler;
      },
    });
    app.emit('web-contents-created', {}, contents);
    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const home = { preventDefault: vi.fn() };
    contents.emit('will-navigate', home, `${rendererUrl()}#/chat`);
    expect(home.preventDefault).not.toHaveBeenCalled();
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });
});

describe('IPC transport', () => {
  it('exposes only `call` and `onEvent` through the preload', () => {
    expect([...recorded.exposed.keys()]).toEqual(['homelane']);
    expect(Object.keys(bridge())).toEqual(['call', 'onEvent']);
  });

  it('pushes lane health changes to the renderer, and stops when it unsubscribes', async () => {
    recorded.senderFrame = { url: rendererUrl(), parent: null };
    const client = createBridgeClient(bridge());
    await vi.waitFor(async () => {
      const listed = await client.call('lanes.list', {});
      expect(listed.ok && listed.data.lanes[0]?.health?.state).toBe('degraded');
    });
    const seen: LaneHealthChange[] = [];
    const stop = client.subscribe('lanes.health', (change) => seen.push(change));
    await llm.setBehaviour({});
    const checked = await client.call('lanes.check', { laneId: 'm@box' });
    expect(checked.ok && checked.data.lanes[0]?.health?.state).toBe('healthy');
    expect(seen.map((change) => [change.laneId, change.from, change.to])).toEqual([
      ['m@box', 'degraded', 'healthy'],
    ]);
    stop();
    await llm.setBehaviour({ status: 500 });
    await client.call('lanes.check', { laneId: 'm@box' });
    expect(seen).toHaveLength(1);
  });

  it('serves app.info end to end from the renderer bridge client', async () => {
    recorded.senderFrame = { url: rendererUrl(), parent: null };
    const client = createBridgeClient(bridge());
    expect(client.transport).toBe('ipc');
    const result = await client.call('app.info', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(AppInfoSchema.parse(result.data)).toMatchObject({
      runtime: 'electron',
      dataDir: recorded.userData,
    });
  });

  it('refuses a call from a subframe or a foreign page before reading its payload', async () => {
    const parent = { url: rendererUrl(), parent: null };
    recorded.senderFrame = { url: rendererUrl(), parent };
    expect(await bridge().call('app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    recorded.senderFrame = { url: 'https://example.com/', parent: null };
    expect(await bridge().call('app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('validates the raw payload and the method input', async () => {
    recorded.senderFrame = { url: rendererUrl(), parent: null };
    const handler = recorded.handlers.get(IPC_CALL_CHANNEL);
    const event = { senderFrame: recorded.senderFrame };
    expect(await handler?.(event, 'app.info')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await handler?.(event, { method: 'app.info', input: {}, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await handler?.(event, { method: 'app.info', input: { x: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await handler?.(event, { method: 'fs.read', input: {} })).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
  });
});
