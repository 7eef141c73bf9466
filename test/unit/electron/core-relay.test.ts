import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../../src-main/contract';
import type { CoreStatus, EventEnvelope } from '../../../src-main/contract';
import type { OpenedCore } from '../../../src-main/electron/core-host';
import type { NativeProblem } from '../../../src-main/electron/core-protocol';
import { CoreRelay } from '../../../src-main/electron/core-relay';
import type { CoreChild, CoreRelayOptions } from '../../../src-main/electron/core-relay';
import type { SecretStore } from '../../../src-main/core/secrets/secret-store';
import { SecretStoreError } from '../../../src-main/core/secrets/secret-store';
import { InProcessCore } from './in-process-core';

// Main's relay against the real core host over a real MessageChannel; the
// services behind the host are a small stand-in so each behaviour (a slow
// call, an event, a crash) can be produced on demand.

class StandInServices implements OpenedCore {
  readonly events = new EventEmitter();
  closed = false;
  calls: string[] = [];
  private readonly hold = new Map<string, () => void>();
  constructor(private readonly secrets: SecretStore) {}

  async call(method: string, input: unknown) {
    this.calls.push(method);
    if (method === 'test.slow') {
      await new Promise<void>((done) => this.hold.set(method, done));
    }
    if (method === 'test.secret') {
      const name = (input as { name: string }).name;
      try {
        return ok(await this.secrets.get(name));
      } catch (error) {
        const code = error instanceof SecretStoreError ? error.code : 'unknown';
        return fail('unavailable', `secret failed: ${code}`);
      }
    }
    if (method === 'test.set-secret') {
      await this.secrets.set('OPENAI_API_KEY', 'sk-new');
      return ok(await this.secrets.list());
    }
    return ok({ method, input });
  }

  subscribe(listener: (envelope: EventEnvelope) => void) {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  async close() {
    this.closed = true;
  }

  emit(envelope: EventEnvelope) {
    this.events.emit('event', envelope);
  }
}

function memorySecrets(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial));
  return {
    kind: 'memory',
    writable: true,
    get: async (name) => values.get(name),
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => values.delete(name),
    list: async () => [...values.keys()].sort(),
  };
}

interface Harness {
  relay: CoreRelay;
  children: InProcessCore[];
  services: StandInServices[];
  statuses: CoreStatus[];
  events: EventEnvelope[];
  problems: NativeProblem[][];
}

const relays: CoreRelay[] = [];
afterEach(async () => {
  for (const relay of relays.splice(0)) await relay.stop();
});

function harness(
  options: {
    open?: (secrets: SecretStore) => Promise<OpenedCore>;
    probe?: () => Promise<NativeProblem[]>;
    secrets?: SecretStore;
  } & Partial<CoreRelayOptions> = {},
): Harness {
  const h: Harness = {
    children: [],
    services: [],
    statuses: [],
    events: [],
    problems: [],
    relay: null as unknown as CoreRelay,
  };
  h.relay = new CoreRelay({
    spawn: () => {
      const child = new InProcessCore({
        open: async ({ secrets }) => {
          if (options.open) return options.open(secrets);
          const services = new StandInServices(secrets);
          h.services.push(services);
          return services;
        },
        ...(options.probe ? { probe: options.probe } : {}),
      });
      h.children.push(child);
      return child as unknown as CoreChild;
    },
    dataDir: '/data',
    secrets: options.secrets ?? memorySecrets(),
    onEvent: (envelope) => h.events.push(envelope),
    onStatus: (status) => h.statuses.push(status),
    onNativeProblems: (problems) => h.problems.push(problems),
    restart: { delayMs: 10, maxCrashes: 2, windowMs: 60_000, ...options.restart },
    ...(options.stopTimeoutMs ? { stopTimeoutMs: options.stopTimeoutMs } : {}),
  });
  relays.push(h.relay);
  return h;
}

const HEALTH: EventEnvelope = {
  name: 'lanes.health',
  payload: {
    laneId: 'm@box',
    from: 'unknown',
    to: 'healthy',
    health: {
      state: 'healthy',
      since: 1,
      lastCheckedAt: 1,
      lastLatencyMs: 5,
      avgLatencyMs: 5,
      checks: 1,
      failures: 0,
      consecutiveFailures: 0,
      lastError: null,
    },
  },
};

describe('CoreRelay', () => {
  it('holds calls until the core is ready, then relays requests and responses', async () => {
    const h = harness();
    const early = h.relay.call('app.info', { a: 1 });
    h.relay.start();
    expect(h.relay.status.state).toBe('starting');
    expect(await early).toEqual(ok({ method: 'app.info', input: { a: 1 } }));
    expect(h.statuses).toEqual([{ state: 'ready', message: null }]);
    const [one, two] = await Promise.all([
      h.relay.call('lanes.list', {}),
      h.relay.call('models.list', {}),
    ]);
    expect(one).toEqual(ok({ method: 'lanes.list', input: {} }));
    expect(two).toEqual(ok({ method: 'models.list', input: {} }));
    expect(h.children[0]?.received[0]).toEqual({
      kind: 'start',
      dataDir: '/data',
      secrets: { kind: 'memory', writable: true },
    });
  });

  it('relays the core’s events', async () => {
    const h = harness();
    h.relay.start();
    await h.relay.call('app.info', {});
    h.services[0]?.emit(HEALTH);
    await vi.waitFor(() => expect(h.events).toEqual([HEALTH]));
  });

  it('answers the core’s key requests from main’s store, errors as codes', async () => {
    const store = memorySecrets({ OPENAI_API_KEY: 'sk-test' });
    const h = harness({ secrets: store });
    h.relay.start();
    expect(await h.relay.call('test.secret', { name: 'OPENAI_API_KEY' })).toEqual(ok('sk-test'));
    expect(await h.relay.call('test.secret', { name: 'MISSING' })).toEqual(ok(undefined));
    expect(await h.relay.call('test.secret', { name: 'bad name!' })).toMatchObject({
      error: { message: 'secret failed: invalid_name' },
    });
    expect(await h.relay.call('test.set-secret', {})).toEqual(ok(['OPENAI_API_KEY']));
    expect(await store.get('OPENAI_API_KEY')).toBe('sk-new');
    const locked: SecretStore = {
      ...memorySecrets(),
      get: async () => {
        throw new SecretStoreError('unavailable', 'no keychain');
      },
    };
    const h2 = harness({ secrets: locked });
    h2.relay.start();
    expect(await h2.relay.call('test.secret', { name: 'OPENAI_API_KEY' })).toMatchObject({
      error: { message: 'secret failed: unavailable' },
    });
  });

  it('fails calls in flight when the core crashes, says so, restarts it and answers again', async () => {
    const h = harness();
    h.relay.start();
    await h.relay.call('app.info', {});
    const slow = h.relay.call('test.slow', {});
    await vi.waitFor(() => expect(h.services[0]?.calls).toContain('test.slow'));
    h.children[0]?.crash(139);
    const lost = await slow;
    expect(lost).toEqual(
      fail(
        'unavailable',
        'The Homelane core stopped unexpectedly (exit code 139) while answering test.slow; ' +
          'it is restarting. Try again in a moment.',
      ),
    );
    expect(h.statuses.at(-1)).toEqual({
      state: 'restarting',
      message: 'The Homelane core stopped unexpectedly (exit code 139); restarting it…',
    });
    // Made while the core restarts: answered by the new process.
    expect(await h.relay.call('app.info', {})).toEqual(ok({ method: 'app.info', input: {} }));
    expect(h.children).toHaveLength(2);
    expect(h.services[1]?.calls).toEqual(['app.info']);
    expect(h.statuses.map((status) => status.state)).toEqual(['ready', 'restarting', 'ready']);
  });

  it('gives up after too many crashes in a row, and starts again when asked', async () => {
    const h = harness({ restart: { delayMs: 5, maxCrashes: 2, windowMs: 60_000 } });
    h.relay.start();
    for (let crash = 0; crash < 3; crash++) {
      await h.relay.call('app.info', {});
      h.children.at(-1)?.crash(1);
      const down = () => h.statuses.filter((status) => status.state !== 'ready');
      await vi.waitFor(() => expect(down()).toHaveLength(crash + 1));
    }
    expect(h.relay.status.state).toBe('failed');
    expect(h.relay.status.message).toMatch(
      /stopped unexpectedly 3 times within 60 s \(last exit code 1\), so it was not restarted/,
    );
    expect(await h.relay.call('app.info', {})).toEqual(
      fail('unavailable', h.relay.status.message ?? ''),
    );
    expect(h.children).toHaveLength(3);
    h.relay.restart();
    expect(await h.relay.call('app.info', {})).toEqual(ok({ method: 'app.info', input: {} }));
    expect(h.children).toHaveLength(4);
  });

  it('reports a start failure and native problems, and does not restart in a loop', async () => {
    const problem: NativeProblem = {
      module: 'better-sqlite3',
      impact: 'Chat is unavailable.',
      error: 'NODE_MODULE_VERSION 115',
      fix: 'npx electron-rebuild -f -w better-sqlite3',
    };
    const h = harness({
      probe: async () => [problem],
      open: async () => {
        throw new Error('The data folder /data cannot be created or written: EACCES');
      },
    });
    const waiting = h.relay.call('app.info', {});
    h.relay.start();
    expect(await waiting).toEqual(
      fail(
        'unavailable',
        'The Homelane core could not start: The data folder /data cannot be created or written: EACCES',
      ),
    );
    expect(h.problems).toEqual([[problem]]);
    expect(h.relay.status.state).toBe('failed');
    await vi.waitFor(() => expect(h.children[0]?.alive).toBe(false));
    await new Promise((done) => setTimeout(done, 30));
    expect(h.children).toHaveLength(1);
  });

  it('passes native problems on when the core starts anyway', async () => {
    const problem: NativeProblem = {
      module: 'onnxruntime-node',
      impact: 'lite',
      error: 'x',
      fix: 'y',
    };
    const h = harness({ probe: async () => [problem] });
    h.relay.start();
    await h.relay.call('app.info', {});
    expect(h.problems).toEqual([[problem]]);
  });

  it('stops the core at quit: it closes its services and exits, waiting calls fail', async () => {
    const h = harness();
    h.relay.start();
    await h.relay.call('app.info', {});
    const slow = h.relay.call('test.slow', {});
    await vi.waitFor(() => expect(h.services[0]?.calls).toContain('test.slow'));
    await h.relay.stop();
    expect(await slow).toEqual(
      fail('unavailable', 'Homelane is quitting; the call was not finished.'),
    );
    expect(h.services[0]?.closed).toBe(true);
    expect(h.children[0]?.alive).toBe(false);
    expect(h.statuses.map((status) => status.state)).toEqual(['ready']);
    expect(await h.relay.call('app.info', {})).toEqual(
      fail('unavailable', 'Homelane is quitting.'),
    );
  });

  it('ends a core that does not exit in time', async () => {
    const killed = vi.fn(() => true);
    const child = Object.assign(new EventEmitter(), { postMessage: vi.fn(), kill: killed });
    const relay = new CoreRelay({
      spawn: () => child as unknown as CoreChild,
      dataDir: '/data',
      secrets: memorySecrets(),
      onEvent: () => undefined,
      onStatus: () => undefined,
      onNativeProblems: () => undefined,
      stopTimeoutMs: 20,
    });
    relay.start();
    await relay.stop();
    expect(child.postMessage).toHaveBeenLastCalledWith({ kind: 'stop' });
    expect(killed).toHaveBeenCalledOnce();
  });

  it('drops malformed messages from the core and results for unknown calls', async () => {
    const child = Object.assign(new EventEmitter(), { postMessage: vi.fn(), kill: () => true });
    const events: EventEnvelope[] = [];
    const statuses: CoreStatus[] = [];
    const relay = new CoreRelay({
      spawn: () => child as unknown as CoreChild,
      dataDir: '/data',
      secrets: memorySecrets(),
      onEvent: (envelope) => events.push(envelope),
      onStatus: (status) => statuses.push(status),
      onNativeProblems: () => undefined,
      stopTimeoutMs: 10,
    });
    relays.push(relay);
    relay.start();
    child.emit('message', { kind: 'ready' });
    child.emit('message', 'ready');
    child.emit('message', { kind: 'event', envelope: { name: 'fs.changed', payload: {} } });
    child.emit('message', { kind: 'result', id: 99, result: { ok: true, data: 1 } });
    expect(statuses).toEqual([]);
    expect(events).toEqual([]);
    child.emit('message', { kind: 'ready', nativeProblems: [] });
    expect(statuses).toEqual([{ state: 'ready', message: null }]);
    const pending = relay.call('app.info', {});
    const sent = child.postMessage.mock.calls.at(-1)?.[0] as { id: number };
    child.emit('message', { kind: 'result', id: sent.id, result: { ok: 'yes' } });
    child.emit('message', { kind: 'result', id: sent.id, result: ok('fine') });
    expect(await pending).toEqual(ok('fine'));
  });
});
