import { IPC_EVENT_CHANNEL } from '../contract/ipc';
import type { EventEnvelope } from '../contract';

/** The part of a window events are sent through. */
export interface EventTarget {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

/**
 * Returns the function that sends one event to every window showing our page
 * (never to a page that navigated elsewhere).
 */
export function createEventSender(
  targets: () => EventTarget[],
  isOurPage: (url: string) => boolean,
): (envelope: EventEnvelope) => void {
  return (envelope) => {
    for (const target of targets()) {
      if (target.isDestroyed() || !isOurPage(target.getURL())) continue;
      target.send(IPC_EVENT_CHANNEL, envelope);
    }
  };
}
