import { ApiError } from '../../contract';
import type { ConversationMessages, ConversationsList } from '../../contract';
import { requireChat } from './chat/chat-methods';
import type { ServiceContext } from './context';

// The conversations kept on this machine, as the UI lists and opens them.

export function listConversations(ctx: ServiceContext): ConversationsList {
  return { conversations: requireChat(ctx).conversations.list() };
}

export function conversationMessages(
  ctx: ServiceContext,
  input: { conversationId: string },
): ConversationMessages {
  const store = requireChat(ctx).conversations;
  if (!store.has(input.conversationId)) {
    throw new ApiError('not_found', `There is no conversation ${input.conversationId}.`);
  }
  return { conversationId: input.conversationId, messages: store.messages(input.conversationId) };
}
