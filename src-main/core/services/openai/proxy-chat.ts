import type Database from 'better-sqlite3';
import type { ChatRequestBody } from '../../lanes/chat-types';
import type { StreamingClient } from '../../lanes/fallback';
import type { LaneHealthState } from '../../lanes/health-events';
import type { Lane } from '../../lanes/lane-registry';
import type { CloudEscalation } from '../../privacy/egress-guard';
import { RecordStore } from '../../replay/record-store';
import type { ChatMessage } from '../../router/request';
import type { Router } from '../../router/router';
import { messageText } from '../../signals/text-views';
import { ChatRecorder } from '../chat-recorder';
import { personalContext } from '../personal-context';
import { routedChat } from '../routed-chat';
import type { RoutedChatEvent, RoutedChatResult } from '../routed-chat';

// A request from another app on the OpenAI-compatible endpoint: the client
// sends the whole conversation each time, so nothing is stored as messages.
// The request is routed, judged for privacy (with the conversation's taint
// when the client names one, and personal memory when the text uses it),
// streamed from the first lane the guard allows, and recorded like a chat.

export interface ProxyDeps {
  db: Database.Database;
  router: Router;
  lanes: readonly Lane[];
  clientFor: (lane: Lane) => StreamingClient;
  healthOf?: (laneId: string) => LaneHealthState | undefined;
  cloudEscalation: CloudEscalation;
  signal?: AbortSignal;
}

export interface ProxyRequest {
  body: ChatRequestBody;
  /** A conversation the client named: its taint applies and grows. */
  conversationId?: string;
}

export type ProxyEvent = RoutedChatEvent & { recordId?: string | null };

/** The text of the last user message (what memory recall looks at). */
export function lastUserText(messages: readonly unknown[]): string {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index] as ChatMessage | null;
    if (message?.role === 'user') return messageText(message);
  }
  return '';
}

/**
 * Yields the route (with the record id), the lane that answers and its
 * deltas; returns the whole answer. Throws what routing or the lanes throw
 * (RoutingError, NoLaneError, LaneError), after recording the failure.
 * Either happens only once the record's end is written (with the other ends
 * of its turn of the event loop), so the answer's last bytes go out after it.
 */
export async function* proxyChat(
  deps: ProxyDeps,
  request: ProxyRequest,
): AsyncGenerator<ProxyEvent, RoutedChatResult> {
  const { body, conversationId } = request;
  const personal = personalContext(deps.db, lastUserText(body.messages), {
    cloudEscalation: deps.cloudEscalation,
    ...(conversationId ? { conversationId } : {}),
  });
  const recorder = new ChatRecorder(RecordStore.of(deps.db), deps.router.config, {
    streaming: body['stream'] === true,
    // Many requests at once: their records' ends are written together.
    finishLater: true,
    ...(conversationId ? { conversationId } : {}),
  });
  const sent: ChatRequestBody = personal.memoryMessage
    ? { ...body, messages: [personal.memoryMessage, ...body.messages] }
    : body;
  let routedTo: string | null = null;
  const stream = routedChat(
    {
      router: deps.router,
      lanes: deps.lanes,
      clientFor: deps.clientFor,
      privacy: personal.privacy,
      ...(deps.signal ? { signal: deps.signal } : {}),
      ...(deps.healthOf ? { healthOf: deps.healthOf } : {}),
    },
    sent,
  );
  try {
    for (;;) {
      const step = await stream.next();
      if (step.done) {
        recorder.answered(
          step.value.candidate.target.alias,
          step.value.answer,
          step.value.attempts,
        );
        await recorder.ended();
        return step.value;
      }
      const event = step.value;
      if (event.type === 'route') {
        routedTo = event.trace.model;
        personal.record(event.trace);
        // The record keeps what the client sent, not the memory added here.
        recorder.routed(event.trace, body);
        yield { ...event, recordId: recorder.recordId ?? null };
      } else {
        if (event.type === 'lane') {
          recorder.laneStarted(event.candidate.lane, event.attempts);
          routedTo = event.candidate.target.alias;
        }
        yield event;
      }
    }
  } catch (error) {
    recorder.failed(error, routedTo);
    await recorder.ended();
    throw error;
  }
}
