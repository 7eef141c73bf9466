import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AppInfoSchema } from '../../../src-main/contract';
import type { CoreStatus } from '../../../src-main/contract';
import type { NativeProblem } from '../../../src-main/electron/core-protocol';
import { CoreRelay } from '../../../src-main/electron/core-relay';
import type { CoreChild } from '../../../src-main/electron/core-relay';
import { EnvSecretStore } from '../../../src-main/core/secrets/env-secret-store';
import { makeTempDir } from '../../support/temp-dir';

// The built core process (out/main/core-process.js) run as a real child
// process under Node, with the parent port Electron would give it shimmed
// over Node's IPC channel. This is the relay against a real process: real
// services, a real crash, a real exit. (Inside Electron the same file runs
// in a utility process; that cannot run here.)

const BUILT = resolve('out/main/core-process.js');
const SHIM = pathToFileURL(resolve('test/unit/electron/parent-port-shim.mjs')).href;
const built = existsSync(BUILT);

class ForkedCore extends EventEmitter {
  readonly process: ChildProcess;
  constructor() {
    super();
    this.process = fork(BUILT, [], {
      execArgv: ['--import', SHIM],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    this.process.on('message', (message) => this.emit('message', message));
    this.process.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 137 : 1)));
  }
  postMessage(message: unknown): void {
    if (this.process.connected) this.process.send(message as never);
  }
  kill(): boolean {
    return this.process.kill();
  }
}

const temp = makeTempDir();
const children: ForkedCore[] = [];
const statuses: CoreStatus[] = [];
const problems: NativeProblem[][] = [];
const relay = new CoreRelay({
  spawn: () => {
    const child = new ForkedCore();
    children.push(child);
    return child as unknown as CoreChild;
  },
  dataDir: temp.dir,
  secrets: new EnvSecretStore({}),
  onEvent: () => undefined,
  onStatus: (status) => statuses.push(status),
  onNativeProblems: (found) => problems.push(found),
  restart: { delayMs: 50 },
});

afterAll(async () => {
  await relay.stop();
  for (const child of children) child.process.kill('SIGKILL');
  temp.cleanup();
});

describe.skipIf(!built)(
  'the built core process (skipped until `npm run build` made out/main)',
  () => {
    it('starts the real services in its own process and answers through the relay', async () => {
      relay.start();
      const info = await relay.call('app.info', {});
      expect(info.ok).toBe(true);
      if (!info.ok) return;
      expect(AppInfoSchema.parse(info.data)).toMatchObject({
        runtime: 'electron',
        dataDir: temp.dir,
      });
      expect(children[0]?.process.pid).not.toBe(process.pid);
      // Node's builds of the native modules load under Node: nothing to report.
      expect(problems).toEqual([]);
      expect((await relay.call('lanes.list', {})).ok).toBe(true);
    }, 30_000);

    it('validates input in the core too (dispatch), whoever sends it', async () => {
      expect(await relay.call('lanes.check', { laneId: 7 })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      expect(await relay.call('no.such', {})).toMatchObject({
        ok: false,
        error: { code: 'unknown_method' },
      });
    });

    it('restarts the process after it is killed, and answers again', async () => {
      children[0]?.process.kill('SIGKILL');
      await vi.waitFor(() =>
        expect(statuses.map((status) => status.state)).toContain('restarting'),
      );
      const info = await relay.call('app.info', {});
      expect(info.ok).toBe(true);
      expect(children).toHaveLength(2);
      expect(children[1]?.process.pid).not.toBe(children[0]?.process.pid);
    }, 30_000);

    it('exits cleanly when asked to stop', async () => {
      const child = children[1];
      const exited = new Promise<number | null>((done) => child?.process.on('exit', done));
      await relay.stop();
      expect(await exited).toBe(0);
    }, 15_000);
  },
);
