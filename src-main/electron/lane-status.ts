import type { CoreStatus, EventEnvelope, LanesList } from '../contract';
import type { CoreCaller } from './ipc-transport';
import { LaneBoard } from './tray-summary';
import type { LaneEntry } from './tray-summary';

export interface LaneStatusView {
  show(lanes: readonly LaneEntry[] | null, core: CoreStatus): void;
}

const REFRESH_DELAY_MS = 300;

/**
 * Keeps the tray's view of the lanes current: lists them when the core is
 * ready, after the profile changes and after a lanes call, and applies
 * `lanes.health` events as they come.
 */
export class LaneStatus {
  private readonly board = new LaneBoard();
  private core: CoreStatus = { state: 'starting', message: null };
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly caller: CoreCaller,
    private readonly view: LaneStatusView,
  ) {
    this.render();
  }

  onCoreStatus(status: CoreStatus): void {
    this.core = status;
    this.render();
    if (status.state === 'ready') this.refreshSoon();
  }

  onEvent(envelope: EventEnvelope): void {
    if (envelope.name === 'lanes.health') {
      const envelopeOf = envelope as EventEnvelope<'lanes.health'>;
      if (this.board.apply(envelopeOf.payload)) this.render();
      else this.refreshSoon();
    } else if (envelope.name === 'profile.changed') {
      this.refreshSoon();
    }
  }

  /** After the window called a method: a lanes call may have added or removed lanes. */
  afterCall(method: string): void {
    if (method.startsWith('lanes.') && method !== 'lanes.list') this.refreshSoon();
  }

  /** Lists the lanes now (also what the timer runs). */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const result = await this.caller.call('lanes.list', {});
    if (!result.ok) return;
    this.board.set((result.data as LanesList).lanes);
    this.render();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private render(): void {
    this.view.show(this.board.entries, this.core);
  }
}
