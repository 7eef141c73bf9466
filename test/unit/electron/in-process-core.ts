import { EventEmitter } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import { runCoreHost } from '../../../src-main/electron/core-host';
import type { CoreHostOptions, OpenedCore } from '../../../src-main/electron/core-host';
import type { NativeProblem } from '../../../src-main/electron/core-protocol';

/**
 * The core process, run inside the test process: the real core host on one
 * end of a real MessageChannel (structured clone, like the utility process's
 * port), main's relay on the other. `crash()` stands in for the process dying:
 * its port goes dead and `exit` follows.
 */
export class InProcessCore extends EventEmitter {
  /** Every message main posted to this core, in order. */
  readonly received: Array<{ kind: string } & Record<string, unknown>> = [];
  readonly cores: OpenedCore[] = [];
  alive = true;
  private readonly channel = new MessageChannel();

  constructor(options: { open: CoreHostOptions['open']; probe?: () => Promise<NativeProblem[]> }) {
    super();
    const { port1, port2 } = this.channel;
    port1.on('message', (message: unknown) => {
      if (this.alive) this.emit('message', message);
    });
    runCoreHost({
      port: {
        postMessage: (message) => {
          if (this.alive) port2.postMessage(message);
        },
        onMessage: (listener) => port2.on('message', listener),
      },
      open: async (openOptions) => {
        const core = await options.open(openOptions);
        this.cores.push(core);
        return core;
      },
      probe: options.probe ?? (async () => []),
      exit: (code) => this.die(code, false),
    });
  }

  postMessage(message: { kind: string } & Record<string, unknown>): void {
    this.received.push(message);
    if (this.alive) this.channel.port1.postMessage(message);
  }

  kill(): boolean {
    this.die(15, true);
    return true;
  }

  /** The process dies: what it opened is released (as the OS would) and `exit` is emitted. */
  crash(code = 1): void {
    this.die(code, true);
  }

  /** `release`: the process did not close its services itself (a crash or a kill). */
  private die(code: number, release: boolean): void {
    if (!this.alive) return;
    this.alive = false;
    this.channel.port1.close();
    this.channel.port2.close();
    const cores = release ? this.cores : [];
    const closing = Promise.all(cores.map((core) => core.close().catch(() => undefined)));
    void closing.then(() => this.emit('exit', code));
  }
}
