import type {
  ChatErrorPayload,
  ChatLane,
  ChatRouted,
  ChatToken,
  MessageView,
  RoutingRecordView,
} from '../../../../src-main/contract';
import type { ChatMessage, LiveTurn, RoutingView, TurnError } from './chat-types';

// Pure steps of the thread: a stored message as the page shows it, a turn's
// events applied to its streaming answer, and what the thread shows while a
// turn is on its way. No calls, no React: the store composes these.

const NO_ROUTING: RoutingView = {
  decision: null,
  model: null,
  laneId: null,
  locality: null,
  private: null,
  firstTokenMs: null,
  recordId: null,
};

export function messageFromView(view: MessageView): ChatMessage {
  const answer = view.role === 'assistant';
  return {
    key: `m:${view.id}`,
    id: view.id,
    role: view.role,
    content: view.content,
    reasoning: '',
    attachments: view.attachments,
    status: view.status,
    routing: answer
      ? {
          ...NO_ROUTING,
          decision: view.decision,
          model: view.model,
          laneId: view.laneId,
          recordId: view.recordId,
        }
      : null,
    remembered: null,
  };
}

export function questionMessage(key: string, text: string): ChatMessage {
  return {
    key,
    id: null,
    role: 'user',
    content: text,
    reasoning: '',
    attachments: [],
    status: 'complete',
    routing: null,
    remembered: null,
  };
}

export function streamingAnswer(key: string): ChatMessage {
  return { ...questionMessage(key, ''), role: 'assistant', status: 'streaming', routing: null };
}

export function applyRouted(answer: ChatMessage, event: ChatRouted): ChatMessage {
  return {
    ...answer,
    routing: {
      ...(answer.routing ?? NO_ROUTING),
      decision: event.decision,
      model: event.model,
      private: event.private,
      recordId: event.recordId,
    },
  };
}

export function applyLane(answer: ChatMessage, event: ChatLane): ChatMessage {
  const answering = event.attempts.at(-1);
  return {
    ...answer,
    routing: {
      ...(answer.routing ?? NO_ROUTING),
      laneId: event.laneId,
      locality: event.locality,
      // A fallback may answer with another alias than the one routed to.
      model: answering?.alias ?? answer.routing?.model ?? null,
      firstTokenMs: answering?.latencyMs ?? null,
    },
  };
}

export function applyToken(answer: ChatMessage, event: ChatToken): ChatMessage {
  return {
    ...answer,
    content: answer.content + (event.content ?? ''),
    reasoning: answer.reasoning + (event.reasoning ?? ''),
  };
}

export function turnErrorOf(event: ChatErrorPayload): TurnError {
  return {
    kind: event.kind,
    code: event.code,
    message: event.message,
    partialKept: event.partialKept,
    recordId: event.recordId,
  };
}

/** What the record adds to a badge: everything, where the events did not say. */
export function routingWithRecord(
  routing: RoutingView | null,
  record: RoutingRecordView,
): RoutingView {
  const answering = record.fallback_chain.find((attempt) => attempt.outcome === 'answered');
  return {
    decision: record.decision,
    // The alias that answered: the policy's choice, unless the guard or a fallback moved it.
    model: answering?.alias ?? record.selected_model ?? routing?.model ?? null,
    laneId: record.lane_id ?? routing?.laneId ?? null,
    locality: record.locality ?? routing?.locality ?? null,
    private: record.private,
    firstTokenMs: routing?.firstTokenMs ?? answering?.latency_ms ?? null,
    recordId: record.id,
  };
}

/** The messages the thread shows: stored ones, then the turn on its way. */
export function visibleMessages(stored: ChatMessage[], live: LiveTurn | null): ChatMessage[] {
  if (!live) return stored;
  let shown = stored;
  if (live.replacing) {
    const lastQuestion = stored.findLastIndex((message) => message.role === 'user');
    shown = stored.filter((message, index) => index <= lastQuestion || message.role === 'user');
  }
  return [...shown, ...(live.question ? [live.question] : []), live.answer];
}

/** The highest stored message id (0 for none). */
export function maxMessageId(messages: readonly ChatMessage[]): number {
  return messages.reduce((max, message) => Math.max(max, message.id ?? 0), 0);
}
