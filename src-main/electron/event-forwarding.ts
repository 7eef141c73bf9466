import { IPC_EVENT_CHANNEL } from '../contract/ipc';
import type { EventBus } from '../core/services/event-bus';

/** The part of a window events are sent through. */
export interface EventTarget {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

/**
 * Sends every core event to the windows that show our page (never to a page
 * that navigated elsewhere). Returns the function that stops forwarding.
 */
export function forwardEvents(
  events: EventBus,
  targets: () => EventTarget[],
  isOurPage: (url: string) => boolean,
): () => void {
  return events.subscribe((envelope) => {
    for (const target of targets()) {
      if (target.isDestroyed() || !isOurPage(target.getURL())) continue;
      target.send(IPC_EVENT_CHANNEL, envelope);
    }
  });
}
