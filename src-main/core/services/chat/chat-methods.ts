import { ApiError } from '../../../contract';
import type { ChatCancel, ChatRegenerateInput, ChatSend, ChatSendInput } from '../../../contract';
import type { ServiceContext } from '../context';
import type { ChatService } from './chat-service';

/** The chat service of a running app; `unavailable` where there is none. */
export function requireChat(ctx: ServiceContext): ChatService {
  if (!ctx.chat) {
    throw new ApiError(
      'unavailable',
      'Chat is not available: no routing profile is loaded, or the database could not be opened (the log says which).',
    );
  }
  return ctx.chat;
}

export function sendChat(ctx: ServiceContext, input: ChatSendInput): ChatSend {
  return requireChat(ctx).send(input);
}

export function cancelChat(ctx: ServiceContext, input: { turnId: string }): ChatCancel {
  return { cancelled: requireChat(ctx).cancel(input.turnId) };
}

export function regenerateChat(ctx: ServiceContext, input: ChatRegenerateInput): ChatSend {
  return requireChat(ctx).regenerate(input);
}
