import type { z } from 'zod';
import { LaneHealthChangeSchema } from './lanes';

/**
 * Every event the core pushes to the UI, declared once like the methods:
 * a dotted name and the schema of its payload. Electron sends them on one
 * IPC channel; `homelane serve` streams them as server-sent events.
 */
export const apiEvents = {
  'lanes.health': {
    summary: "A lane's health state changed (unknown, healthy, degraded, down).",
    payload: LaneHealthChangeSchema,
  },
} as const satisfies Record<string, EventSpec>;

export interface EventSpec {
  summary: string;
  payload: z.ZodType;
}

export type EventName = keyof typeof apiEvents;
export type EventPayload<E extends EventName> = z.output<(typeof apiEvents)[E]['payload']>;

/** One pushed event on the wire. */
export interface EventEnvelope<E extends EventName = EventName> {
  name: E;
  payload: EventPayload<E>;
}

export const EVENT_NAMES = Object.keys(apiEvents) as EventName[];

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(apiEvents, value);
}
