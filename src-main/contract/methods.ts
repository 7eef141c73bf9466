import type { z } from 'zod';
import { AppInfoInputSchema, AppInfoSchema } from './app';
import {
  ChatCancelInputSchema,
  ChatCancelSchema,
  ChatSendInputSchema,
  ChatSendSchema,
} from './chat';
import {
  ConversationMessagesInputSchema,
  ConversationMessagesSchema,
  ConversationsListInputSchema,
  ConversationsListSchema,
} from './conversations';
import {
  LanesCheckInputSchema,
  LanesCheckSchema,
  LanesListInputSchema,
  LanesListSchema,
} from './lanes';
import { ModelsListInputSchema, ModelsListSchema } from './models';
import { PolicyCheckInputSchema, PolicyCheckSchema } from './policy';
import { ProfileReloadInputSchema, ProfileReloadSchema } from './profile';

/**
 * Every call of the HomelaneApi, declared once: a dotted name (resource
 * first, verb last), a zod schema for its input and one for its output.
 * Services implement this map; both transports serve it; the renderer
 * calls it. Adding a method here makes the compiler ask for its handler.
 */
export const apiMethods = {
  'app.info': {
    summary: 'Version, runtime, data folder and the loaded routing profile.',
    input: AppInfoInputSchema,
    output: AppInfoSchema,
  },
  'models.list': {
    summary: 'The routing models of the catalog and which are installed (no network).',
    input: ModelsListInputSchema,
    output: ModelsListSchema,
  },
  'lanes.list': {
    summary: 'Every lane with its locality and health, the managed lanes and the LAN endpoints.',
    input: LanesListInputSchema,
    output: LanesListSchema,
  },
  'profile.reload': {
    summary:
      "Read the routing profile's file again: in force if it is valid, else refused with its problems.",
    input: ProfileReloadInputSchema,
    output: ProfileReloadSchema,
  },
  'lanes.check': {
    summary: 'Check one lane (or all) now: /health and its model list; returns the lanes after.',
    input: LanesCheckInputSchema,
    output: LanesCheckSchema,
  },
  'chat.send': {
    summary:
      'Start a chat turn; it streams through chat.* events and ends with chat.done or chat.error.',
    input: ChatSendInputSchema,
    output: ChatSendSchema,
  },
  'chat.cancel': {
    summary: 'Stop a running turn; what has streamed is kept, marked partial.',
    input: ChatCancelInputSchema,
    output: ChatCancelSchema,
  },
  'conversations.list': {
    summary: 'The conversations kept on this machine, newest first.',
    input: ConversationsListInputSchema,
    output: ConversationsListSchema,
  },
  'conversations.messages': {
    summary: 'The stored messages of one conversation, in order.',
    input: ConversationMessagesInputSchema,
    output: ConversationMessagesSchema,
  },
  'policy.check': {
    summary:
      'Check DSL policy text: its located diagnostics (with fixes) and declared names; nothing is applied.',
    input: PolicyCheckInputSchema,
    output: PolicyCheckSchema,
  },
} as const satisfies Record<string, MethodSpec>;

export interface MethodSpec {
  summary: string;
  input: z.ZodType;
  output: z.ZodType;
}

export type MethodName = keyof typeof apiMethods;
export type MethodInput<M extends MethodName> = z.input<(typeof apiMethods)[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<(typeof apiMethods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof apiMethods)[M]['output']>;

export const METHOD_NAMES = Object.keys(apiMethods) as MethodName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(apiMethods, value);
}
