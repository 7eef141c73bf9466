import { ApiError } from '../../contract';
import type {
  ConversationDelete,
  ConversationExport,
  ConversationExportFormat,
  ConversationKeepLocal,
  ConversationRename,
} from '../../contract';
import { exportConversation } from '../conversations/conversation-export';
import type { ConversationListing } from '../conversations/conversation-store';
import { TaintStore } from '../privacy/taint-store';
import type { ChatService } from './chat/chat-service';
import { requireChat } from './chat/chat-methods';
import type { ServiceContext } from './context';

// What the person does to a conversation besides chatting in it: rename it,
// switch "keep local", delete it, export it. Changes are refused while the
// database is read-only, and deleting waits until no reply is streaming in it.

function writableChat(ctx: ServiceContext): ChatService {
  const chat = requireChat(ctx);
  const status = chat.databaseStatus;
  if (status.state !== 'ok') {
    throw new ApiError(
      'unavailable',
      `${status.problem?.message ?? 'The database is read-only.'} Conversations can be read, but not changed.`,
      { reason: 'read_only' },
    );
  }
  return chat;
}

function existing(chat: ChatService, conversationId: string): ConversationListing {
  const listing = chat.conversations.listing(conversationId);
  if (!listing) throw new ApiError('not_found', `There is no conversation ${conversationId}.`);
  return listing;
}

export function renameConversation(
  ctx: ServiceContext,
  input: { conversationId: string; title: string },
): ConversationRename {
  const chat = writableChat(ctx);
  existing(chat, input.conversationId);
  chat.conversations.rename(input.conversationId, input.title.trim());
  return { conversation: existing(chat, input.conversationId) };
}

/**
 * The "keep local" switch. A conversation that does not exist yet is created
 * empty (a new chat can be switched before its first message is sent).
 */
export function keepConversationLocal(
  ctx: ServiceContext,
  input: { conversationId: string; keepLocal: boolean },
): ConversationKeepLocal {
  const chat = writableChat(ctx);
  new TaintStore(chat.database).setKeepLocal(input.conversationId, input.keepLocal);
  return { conversationId: input.conversationId, keepLocal: input.keepLocal };
}

export function deleteConversation(
  ctx: ServiceContext,
  input: { conversationId: string },
): ConversationDelete {
  const chat = writableChat(ctx);
  existing(chat, input.conversationId);
  if (chat.busy(input.conversationId)) {
    throw new ApiError(
      'unavailable',
      'A reply is still streaming in this conversation; stop it before deleting the conversation.',
      { reason: 'busy' },
    );
  }
  const deletedMessages = chat.conversations.remove(input.conversationId);
  return { conversationId: input.conversationId, deletedMessages };
}

export function exportConversationText(
  ctx: ServiceContext,
  input: { conversationId: string; format: ConversationExportFormat },
): ConversationExport {
  const chat = requireChat(ctx);
  const listing = existing(chat, input.conversationId);
  return exportConversation(
    listing,
    chat.conversations.messages(input.conversationId),
    input.format,
  );
}
