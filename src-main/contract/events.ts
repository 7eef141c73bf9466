import type { z } from 'zod';
import {
  ChatDoneSchema,
  ChatErrorSchema,
  ChatLaneSchema,
  ChatRememberedSchema,
  ChatRoutedSchema,
  ChatTokenSchema,
} from './chat';
import { LaneHealthChangeSchema } from './lanes';
import { ManagedProgressSchema } from './managed-lanes';
import { ProfileChangedSchema, ProfileRejectedSchema } from './profile';

import { ModelsDoneSchema, ModelsErrorSchema, ModelsProgressSchema } from './model-downloads';
import { CoreStatusSchema } from './core-status';
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
  'chat.routed': {
    summary: 'A chat turn was routed: the decision, the model and whether it is private.',
    payload: ChatRoutedSchema,
  },
  'chat.lane': {
    summary: 'A lane started answering a chat turn (after the lanes tried before it).',
    payload: ChatLaneSchema,
  },
  'chat.token': {
    summary: 'A piece of the answer (content or reasoning) as it streams.',
    payload: ChatTokenSchema,
  },
  'chat.remembered': {
    summary: 'A "remember …" message was kept in personal memory, on this machine only.',
    payload: ChatRememberedSchema,
  },
  'chat.done': {
    summary: 'A chat turn ended with its answer stored.',
    payload: ChatDoneSchema,
  },
  'chat.error': {
    summary: 'A chat turn failed or was stopped; a partial answer is kept, marked.',
    payload: ChatErrorSchema,
  },
  'profile.changed': {
    summary: 'A reloaded routing profile is now in force.',
    payload: ProfileChangedSchema,
  },
  'profile.rejected': {
    summary: 'A changed profile file had errors; the profile in force keeps serving.',
    payload: ProfileRejectedSchema,
  },
  'models.progress': {
    summary: 'A routing-model download moved on: the file, bytes done of the total, the phase.',
    payload: ModelsProgressSchema,
  },
  'models.done': {
    summary: 'A routing model was downloaded, verified and installed.',
    payload: ModelsDoneSchema,
  },
  'models.error': {
    summary: 'A routing-model download failed or was stopped; an earlier install is untouched.',
    payload: ModelsErrorSchema,
  },
  'app.core': {
    summary: "The desktop app's core process is starting, ready, restarting or could not start.",
    payload: CoreStatusSchema,
  },
  'lanes.managed.progress': {
    summary:
      'A managed lane starting: each step, image pull progress, then ready or failed with the reason.',
    payload: ManagedProgressSchema,
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
