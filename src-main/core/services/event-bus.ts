import type { EventEnvelope, EventName, EventPayload } from '../../contract';
import { createLogger } from '../logger';

const log = createLogger('events');

export type EventListener = (envelope: EventEnvelope) => void;

/** The core's outbox of pushed events; each transport subscribes once. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const envelope = { name, payload } as EventEnvelope;
    for (const listener of [...this.listeners]) {
      try {
        listener(envelope);
      } catch (error) {
        log.error({ err: error, event: name }, 'an event listener failed');
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
