import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppInfoSchema, IPC_CALL_CHANNEL } from '../../../src-main/contract';
import type { CoreStatus, EventEnvelope, HomelaneBridge } from '../../../src-main/contract';
import type { LaneHealthChange } from '../../../src-main/contract';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/electron/content-security-policy';
import { openCoreServices } from '../../../src-main/electron/core-services';
import { createBridgeClient } from '../../../src-renderer/src/api/bridge-client';
import { app, recorded } from '../../support/fake-electron';
import type { FakeMenuItem } from '../../support/fake-electron';
import { startStandInLlm } from '../../support/stand-in-llm';
import type { StandInLlm } from '../../support/stand-in-llm';
import { makeTempDir } from '../../support/temp-dir';
import { InProcessCore } from './in-process-core';

vi.mock('electron', async () => import('../../support/fake-electron'));

// Main and the preload run for real against the fake `electron` module, and
// the core runs for real behind its port (in this process, see
// in-process-core.ts): the renderer's bridge client calls through
// preload -> IPC -> main -> relay -> core host -> services, the whole path
// but Electron itself.

const PAGE = 'homelane://app/index.html';
const temp = makeTempDir();
const dataDir = join(temp.dir, 'data');
const cores: InProcessCore[] = [];
let llm: StandInLlm;
const savedDataDir = process.env['HOMELANE_DATA_DIR'];

beforeAll(async () => {
  // One LAN lane, failing at first, so the health monitor has a change to report later.
  llm = await startStandInLlm();
  await llm.setBehaviour({ status: 500 });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    join(dataDir, 'lanes.json'),
    JSON.stringify({
      version: 1,
      lan: [
        { name: 'box', baseUrl: `${llm.url}/v1`, kind: 'vllm', aliases: { m: 'stand-in-small' } },
      ],
    }),
  );
  writeFileSync(
    join(dataDir, 'window-state.json'),
    JSON.stringify({ bounds: { x: 40, y: 30, width: 1000, height: 700 }, maximized: true }),
  );
  process.env['HOMELANE_DATA_DIR'] = dataDir;
  recorded.forkCore = () => {
    const core = new InProcessCore({ open: openCoreServices });
    cores.push(core);
    return core;
  };
  await import('../../../src-main/electron/main');
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(1), { timeout: 10_000 });
  await import('../../../src-preload/index');
});

afterAll(async () => {
  for (const core of cores) core.crash(0);
  await llm.stop();
  if (savedDataDir === undefined) delete process.env['HOMELANE_DATA_DIR'];
  else process.env['HOMELANE_DATA_DIR'] = savedDataDir;
  temp.cleanup();
});

function bridge(): HomelaneBridge {
  return recorded.exposed.get('homelane') as HomelaneBridge;
}

function fromOurPage(): void {
  recorded.senderFrame = { url: PAGE, parent: null };
}

function menuLabels(): string[] {
  const items: FakeMenuItem[] = recorded.trays[0]?.menu?.items ?? [];
  return items.map((item) => item.label ?? `--${item.type ?? ''}--`);
}

function callsSentToCore(): number {
  return cores.flatMap((core) => core.received).filter((message) => message.kind === 'call').length;
}

describe('startup', () => {
  it('takes the single-instance lock and makes the app scheme a secure origin before ready', () => {
    expect(recorded.schemesRegisteredBeforeReady).toBe(true);
    expect(recorded.privilegedSchemes).toEqual([
      { scheme: 'homelane', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('starts the core in a utility process, not in main', () => {
    expect(recorded.forks).toHaveLength(1);
    expect(recorded.forks[0]?.modulePath).toMatch(/core-process\.js$/);
    expect(recorded.forks[0]?.options).toMatchObject({ serviceName: 'Homelane core' });
    expect(cores[0]?.received[0]).toMatchObject({ kind: 'start', dataDir });
  });

  it('serves the renderer only on its scheme, with the CSP as a response header', async () => {
    const serve = recorded.protocolHandlers.get('homelane');
    const response = await serve?.({ url: 'homelane://app/../../etc/passwd' });
    expect(response?.status).toBe(404);
    expect(response?.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('main window', () => {
  it('is sandboxed, context-isolated and without Node integration', () => {
    const [window] = recorded.windows;
    const prefs = window?.options['webPreferences'] as Record<string, unknown>;
    expect(prefs['contextIsolation']).toBe(true);
    expect(prefs['sandbox']).toBe(true);
    expect(prefs['nodeIntegration']).toBe(false);
    expect(prefs['nodeIntegrationInWorker']).toBe(false);
    expect(prefs['nodeIntegrationInSubFrames']).toBe(false);
    expect(prefs['webSecurity']).toBe(true);
    expect(prefs['allowRunningInsecureContent']).toBe(false);
    expect(prefs['webviewTag']).toBe(false);
    expect(String(prefs['preload'])).toMatch(/preload[/\\]index\.cjs$/);
    expect(window?.loadedUrl).toBe(PAGE);
  });

  it('opens where it was saved, maximized again once shown', () => {
    const [window] = recorded.windows;
    expect(window?.options).toMatchObject({ x: 40, y: 30, width: 1000, height: 700 });
    window?.emit('ready-to-show');
    expect(window?.maximized).toBe(true);
    expect(window?.shown).toBe(true);
  });

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    recorded.permissionHandler?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(recorded.permissionCheck?.()).toBe(false);
    expect(recorded.devicePermission?.()).toBe(false);
  });

  it('refuses navigation away from our page, new windows and webviews', () => {
    const contents = recorded.windows[0]?.webContents;
    if (!contents) throw new Error('no window');
    const home = { preventDefault: vi.fn() };
    contents.emit('will-navigate', home, `${PAGE}#/chat`);
    expect(home.preventDefault).not.toHaveBeenCalled();
    for (const url of [
      'file:///etc/passwd',
      'homelane://other/index.html',
      'javascript:alert(1)',
    ]) {
      const away = { preventDefault: vi.fn() };
      contents.emit('will-navigate', away, url);
      expect(away.preventDefault).toHaveBeenCalled();
      const redirect = { preventDefault: vi.fn() };
      contents.emit('will-redirect', redirect, url);
      expect(redirect.preventDefault).toHaveBeenCalled();
    }
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: `${PAGE}#/x` })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(recorded.opened).toEqual([]);
  });

  it('hands an http(s) link to the system browser, only while the window has focus', () => {
    const window = recorded.windows[0];
    if (!window) throw new Error('no window');
    window.focused = false;
    const background = { preventDefault: vi.fn() };
    window.webContents.emit('will-navigate', background, 'https://example.com/docs');
    expect(background.preventDefault).toHaveBeenCalled();
    expect(recorded.opened).toEqual([]);
    window.focused = true;
    expect(window.webContents.openHandler?.({ url: 'https://example.com/docs' })).toEqual({
      action: 'deny',
    });
    expect(recorded.opened).toEqual(['https://example.com/docs']);
  });
});

describe('IPC transport', () => {
  it('exposes only `call` and `onEvent` through the preload', () => {
    expect([...recorded.exposed.keys()]).toEqual(['homelane']);
    expect(Object.keys(bridge())).toEqual(['call', 'onEvent']);
  });

  it('serves app.info end to end from the renderer bridge client', async () => {
    fromOurPage();
    const client = createBridgeClient(bridge());
    expect(client.transport).toBe('ipc');
    const result = await client.call('app.info', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(AppInfoSchema.parse(result.data)).toMatchObject({ runtime: 'electron', dataDir });
  });

  it('pushes lane health changes to the renderer, and stops when it unsubscribes', async () => {
    fromOurPage();
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
    await vi.waitFor(() =>
      expect(seen.map((change) => [change.laneId, change.from, change.to])).toEqual([
        ['m@box', 'degraded', 'healthy'],
      ]),
    );
    stop();
    await llm.setBehaviour({ status: 500 });
    await client.call('lanes.check', { laneId: 'm@box' });
    await new Promise((done) => setTimeout(done, 50));
    expect(seen).toHaveLength(1);
  });

  it('refuses a call from a subframe or a foreign page; nothing reaches the core', async () => {
    const before = callsSentToCore();
    recorded.senderFrame = { url: PAGE, parent: { url: PAGE, parent: null } };
    expect(await bridge().call('app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    for (const url of ['https://example.com/', 'file:///tmp/evil.html', 'homelane://evil/']) {
      recorded.senderFrame = { url, parent: null };
      expect(await bridge().call('app.info', {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    recorded.senderFrame = null;
    expect(await bridge().call('app.info', {})).toMatchObject({ error: { code: 'forbidden' } });
    expect(callsSentToCore()).toBe(before);
  });

  it('validates the raw payload and the method input before anything reaches the core', async () => {
    fromOurPage();
    const before = callsSentToCore();
    const handler = recorded.handlers.get(IPC_CALL_CHANNEL);
    const event = { senderFrame: recorded.senderFrame };
    const expectCode = async (payload: unknown, code: string) =>
      expect(await handler?.(event, payload)).toMatchObject({ ok: false, error: { code } });
    await expectCode('app.info', 'invalid_input');
    await expectCode(null, 'invalid_input');
    await expectCode({ method: 'app.info', input: {}, extra: 1 }, 'invalid_input');
    await expectCode({ method: '', input: {} }, 'invalid_input');
    await expectCode({ method: 'app.info', input: { x: 1 } }, 'invalid_input');
    await expectCode({ method: 'lanes.check', input: { laneId: 42 } }, 'invalid_input');
    await expectCode({ method: 'fs.read', input: {} }, 'unknown_method');
    await expectCode({ method: '__proto__', input: {} }, 'unknown_method');
    const detailed = (await handler?.(event, {
      method: 'lanes.check',
      input: { laneId: 42 },
    })) as { error: { message: string; details: { issues: Array<{ path: string }> } } };
    expect(detailed.error.message).toMatch(/^Invalid input for lanes\.check: laneId: /);
    expect(detailed.error.details.issues[0]?.path).toBe('laneId');
    expect(callsSentToCore()).toBe(before);
  });
});

describe('tray', () => {
  it('shows the lanes from lanes.list and follows lanes.health', async () => {
    fromOurPage();
    const tray = () => recorded.trays[0];
    await llm.setBehaviour({});
    await bridge().call('lanes.check', { laneId: 'm@box' });
    await vi.waitFor(() => expect(menuLabels()).toContain('m@box (local) — healthy'));
    const listed = await bridge().call('lanes.list', {});
    const lanes = listed.ok ? listed.data.lanes : [];
    const labels = menuLabels();
    expect(labels.slice(0, 2)).toEqual(['Open Homelane', '--separator--']);
    expect(labels[2]).toMatch(new RegExp(`^\\d of ${lanes.length} lanes healthy`));
    expect(labels.slice(3, 3 + lanes.length)).toEqual(
      lanes.map((lane) => `${lane.id} (${lane.locality}) — ${lane.health?.state ?? 'not watched'}`),
    );
    expect(labels.slice(-2)).toEqual(['--separator--', 'Quit Homelane']);
    expect(tray()?.tooltip).toBe(`Homelane — ${labels[2]}`);
    await llm.setBehaviour({ status: 500 });
    await bridge().call('lanes.check', { laneId: 'm@box' });
    await vi.waitFor(() => expect(menuLabels()).toContain('m@box (local) — degraded'));
    expect(tray()?.image.path).toMatch(/tray-icon-attention\.png$/);
    expect(existsSync(tray()?.image.path ?? '')).toBe(true);
    await llm.setBehaviour({});
  });
});

describe('core process', () => {
  it('reports a crash to the window, restarts the core and answers again', async () => {
    fromOurPage();
    const statuses: CoreStatus[] = [];
    const stop = bridge().onEvent((envelope: EventEnvelope) => {
      if (envelope.name === 'app.core') statuses.push(envelope.payload as CoreStatus);
    });
    cores[0]?.crash(9);
    await vi.waitFor(() => expect(statuses[0]?.state).toBe('restarting'));
    expect(statuses[0]?.message).toMatch(/stopped unexpectedly \(exit code 9\); restarting/);
    expect(recorded.trays[0]?.tooltip).toBe('Homelane — Core restarting…');
    // A call made meanwhile waits for the new core process.
    const info = await bridge().call('app.info', {});
    expect(info.ok).toBe(true);
    expect(statuses.map((status) => status.state)).toEqual(['restarting', 'ready']);
    expect(recorded.forks).toHaveLength(2);
    stop();
  });

  it('saves the window state when the window closes', () => {
    const window = recorded.windows[0];
    if (!window) throw new Error('no window');
    window.normalBounds = { x: 60, y: 50, width: 1100, height: 760 };
    window.close();
    const saved = JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8')) as unknown;
    expect(saved).toEqual({
      bounds: { x: 60, y: 50, width: 1100, height: 760 },
      maximized: true,
    });
  });

  it('a second start reopens the window', () => {
    app.emit('second-instance');
    expect(recorded.windows).toHaveLength(2);
    expect(recorded.windows[1]?.options).toMatchObject({ x: 60, y: 50, width: 1100, height: 760 });
    app.emit('second-instance');
    expect(recorded.windows).toHaveLength(2);
    expect(recorded.windows[1]?.focusCalls).toBe(1);
  });

  it('at quit, asks the core to close and quits once it has exited', async () => {
    const quitsBefore = recorded.quitCalls;
    const event = { preventDefault: vi.fn() };
    app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    const core = cores.at(-1);
    expect(core?.received.at(-1)).toEqual({ kind: 'stop' });
    await vi.waitFor(() => expect(recorded.quitCalls).toBe(quitsBefore + 1), { timeout: 10_000 });
    expect(core?.alive).toBe(false);
  });
});
