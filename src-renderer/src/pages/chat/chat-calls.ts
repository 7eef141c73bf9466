import type { HomelaneClient } from '../../../../src-main/contract';
import type { ChatMessage, Loadable } from './chat-types';
import { messageFromView } from './turn-apply';

/** A fresh id for a new chat (the contract lets a client name a conversation). */
export function newConversationId(): string {
  return globalThis.crypto.randomUUID();
}

export async function fetchThread(
  client: HomelaneClient,
  conversationId: string,
): Promise<Loadable<ChatMessage[]>> {
  const result = await client.call('conversations.messages', { conversationId });
  if (!result.ok) return { status: 'error', error: result.error };
  return { status: 'ready', value: result.data.messages.map(messageFromView) };
}
