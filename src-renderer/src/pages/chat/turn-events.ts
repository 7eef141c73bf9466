import type { EventPayload, HomelaneClient } from '../../../../src-main/contract';
import type { ChatStore } from './chat-store';

// The chat.* events a turn streams through, forwarded to the store; and a
// slow check of a turn that has gone quiet, since events pushed while the
// event stream reconnects are not sent again.

export const CHAT_EVENTS = [
  'chat.routed',
  'chat.lane',
  'chat.token',
  'chat.remembered',
  'chat.done',
  'chat.error',
] as const;

export type ChatEventName = (typeof CHAT_EVENTS)[number];
export type ChatEventEnvelope = {
  [E in ChatEventName]: { name: E; payload: EventPayload<E> };
}[ChatEventName];

/** A turn quiet this long is checked against what is stored. */
export const QUIET_MS = 8_000;

/** Listens for the client's life: the page keeps its turn when the person looks elsewhere. */
export function listenForTurns(client: HomelaneClient, get: () => ChatStore): void {
  for (const name of CHAT_EVENTS) {
    client.subscribe(name, (payload) => get().onTurnEvent({ name, payload } as ChatEventEnvelope));
  }
  setInterval(() => {
    const live = get().live;
    if (live?.turnId && Date.now() - live.lastEventAt > QUIET_MS) void get().resync();
  }, QUIET_MS / 2);
}
