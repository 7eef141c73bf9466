import type { ChatRequestBody } from '../../lanes/chat-types';
import type { RoutingRecord } from '../../replay/record-types';
import type { RoutingRequest } from '../../router/request';
import { routingRequestOf } from '../routed-chat';

// A stored request made routable again: the chat body as it was sent (its
// whole conversation, as captured) when it can be read; otherwise the stored
// prompt as one user message, flagged, since the router then reads only part
// of what was sent; nothing when neither was kept.

export type StoredRequestFields = Pick<
  RoutingRecord,
  'request_body' | 'request_body_truncated' | 'prompt' | 'prompt_truncated' | 'original_model'
>;

export type StoredRequest =
  { routable: true; request: RoutingRequest; truncated: boolean } | { routable: false };

function parsedBody(text: string | null): ChatRequestBody | undefined {
  if (text === null || text === '') return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const messages = (value as { messages?: unknown }).messages;
    if (!Array.isArray(messages) || messages.length === 0) return undefined;
    return value as ChatRequestBody;
  } catch {
    // A body cut at capture is not JSON any more.
    return undefined;
  }
}

export function storedRequestOf(record: StoredRequestFields): StoredRequest {
  const body = parsedBody(record.request_body);
  if (body) {
    const request = routingRequestOf(body);
    if (request.model === undefined && record.original_model !== '') {
      request.model = record.original_model;
    }
    return { routable: true, request, truncated: record.request_body_truncated };
  }
  if (record.prompt === '') return { routable: false };
  return {
    routable: true,
    request: {
      messages: [{ role: 'user', content: record.prompt }],
      ...(record.original_model !== '' ? { model: record.original_model } : {}),
    },
    truncated: true,
  };
}
