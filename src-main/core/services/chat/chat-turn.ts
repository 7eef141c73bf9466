import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { LaneAttemptView, UsageView } from '../../../contract';
import { ConversationStore } from '../../conversations/conversation-store';
import type { MessageAttachment, NewMessage } from '../../conversations/conversation-store';
import type { Usage } from '../../lanes/chat-types';
import type { LaneAttempt, StreamingClient } from '../../lanes/fallback';
import type { LaneHealthState } from '../../lanes/health-events';
import { isLaneError } from '../../lanes/lane-errors';
import type { Lane } from '../../lanes/lane-registry';
import { createLogger } from '../../logger';
import type { CloudEscalation } from '../../privacy/egress-guard';
import { RecordStore } from '../../replay/record-store';
import type { Router } from '../../router/router';
import { ChatRecorder } from '../chat-recorder';
import { personalContext, rememberIfAsked } from '../personal-context';
import { routedChat } from '../routed-chat';
import type { RoutedChatResult } from '../routed-chat';
import { contentWithAttachments } from './attachments';
import type { ChatTurnEvent, ChatTurnListener } from './turn-events';
import { describeFailure } from './turn-failure';
import type { TurnFailure } from './turn-failure';

const log = createLogger('chat');

// One chat turn through the whole path, for every surface (the command line,
// `homelane serve`, the desktop app): a "remember …" request is kept without
// a model; otherwise the conversation's privacy and personal memory join the
// request, its history goes along, it is routed under the egress guard and
// streamed from the first lane that answers. The user message, the routing
// record and the answer are stored as they complete; an answer that fails
// or is stopped midway is kept, marked `partial`. Progress goes to the
// listener; exactly one `done` or `error` ends every turn.

export interface ChatTurnDeps {
  db: Database.Database;
  router: Router;
  lanes: readonly Lane[];
  clientFor: (lane: Lane) => StreamingClient;
  cloudEscalation: CloudEscalation;
  signal?: AbortSignal;
  healthOf?: (laneId: string) => LaneHealthState | undefined;
}

export interface ChatTurnRequest {
  /** A fresh id when absent. */
  turnId?: string;
  /** The conversation to store the turn in; a one-off turn that stores no messages when absent. */
  conversationId?: string;
  text: string;
  attachments?: readonly MessageAttachment[];
  /** An entrypoint or an alias; the policy's first auto name when absent. */
  model?: string;
  /**
   * Answer the stored message `questionId` again (`text` is its text): nothing
   * new is stored for the person, the history stops before it, and a complete
   * answer replaces the messages `supersedes` names.
   */
  again?: { questionId: number; supersedes: readonly number[] };
}

export type ChatTurnOutcome =
  | {
      status: 'answered';
      turnId: string;
      result: RoutedChatResult;
      recordId: string | null;
      messageId: number | null;
    }
  | { status: 'remembered'; turnId: string; memoryId: number; fact: string }
  | {
      status: 'failed';
      turnId: string;
      failure: TurnFailure;
      recordId: string | null;
      partialKept: boolean;
    };

export async function runChatTurn(
  deps: ChatTurnDeps,
  request: ChatTurnRequest,
  listener: ChatTurnListener,
): Promise<ChatTurnOutcome> {
  const turnId = request.turnId ?? randomUUID();
  const emit = (event: ChatTurnEvent) => {
    try {
      listener(event);
    } catch (error) {
      log.error({ err: error, event: event.type }, 'a chat turn listener failed');
    }
  };
  const turn = new Turn(deps, request, turnId, emit);
  try {
    return await turn.run();
  } catch (error) {
    return turn.fail(error);
  }
}

function attemptView(attempt: LaneAttempt): LaneAttemptView {
  return {
    laneId: attempt.lane_id,
    alias: attempt.alias,
    source: attempt.source,
    outcome: attempt.outcome,
    ...(attempt.reason !== undefined ? { reason: attempt.reason } : {}),
    ...(attempt.code !== undefined ? { code: attempt.code } : {}),
    ...(attempt.latency_ms !== undefined ? { latencyMs: attempt.latency_ms } : {}),
  };
}

function usageView(usage: Usage | undefined): UsageView | null {
  if (!usage) return null;
  return {
    ...(usage.promptTokens !== undefined ? { promptTokens: usage.promptTokens } : {}),
    ...(usage.completionTokens !== undefined ? { completionTokens: usage.completionTokens } : {}),
    ...(usage.totalTokens !== undefined ? { totalTokens: usage.totalTokens } : {}),
  };
}

class Turn {
  private recorder: ChatRecorder | undefined;
  private routedTo: string | null = null;
  private laneId: string | null = null;
  private readonly conversationId: string | null;
  private readonly conversations: ConversationStore;

  constructor(
    private readonly deps: ChatTurnDeps,
    private readonly request: ChatTurnRequest,
    private readonly turnId: string,
    private readonly emit: (event: ChatTurnEvent) => void,
  ) {
    this.conversationId = request.conversationId ?? null;
    this.conversations = new ConversationStore(deps.db);
  }

  async run(): Promise<ChatTurnOutcome> {
    const { db, router } = this.deps;
    const { text } = this.request;
    const conversation = this.conversationId ?? undefined;
    const turnId = this.turnId;
    const again = this.request.again;
    const remembered = again ? undefined : rememberIfAsked(db, text, conversation);
    if (remembered) {
      this.emit({
        type: 'remembered',
        turnId,
        conversationId: this.conversationId,
        memoryId: remembered.id,
        fact: remembered.fact,
      });
      this.emit({
        type: 'done',
        turnId,
        messageId: null,
        recordId: null,
        laneId: null,
        model: null,
        usage: null,
      });
      return { status: 'remembered', turnId, memoryId: remembered.id, fact: remembered.fact };
    }
    const personal = personalContext(db, text, {
      cloudEscalation: this.deps.cloudEscalation,
      ...(conversation ? { conversationId: conversation } : {}),
    });
    const recorder = new ChatRecorder(RecordStore.of(db), router.config, {
      streaming: true,
      ...(conversation ? { conversationId: conversation } : {}),
    });
    this.recorder = recorder;
    const history = conversation
      ? this.conversations.history(
          conversation,
          (message) => contentWithAttachments(message.content, message.attachments),
          again?.questionId,
        )
      : [];
    const attachments = this.request.attachments ?? [];
    const asked = {
      model: this.request.model ?? router.config.autoModelNames[0] ?? 'auto',
      messages: [...history, { role: 'user', content: contentWithAttachments(text, attachments) }],
      stream: true,
    };
    const body = {
      model: asked.model,
      messages: [...(personal.memoryMessage ? [personal.memoryMessage] : []), ...asked.messages],
      stream: true,
    };
    if (conversation && !again) {
      this.conversations.append(conversation, {
        role: 'user',
        content: text,
        ...(attachments.length > 0 ? { attachments } : {}),
      });
    }
    const stream = routedChat(
      {
        router,
        lanes: this.deps.lanes,
        clientFor: this.deps.clientFor,
        privacy: personal.privacy,
        ...(this.deps.signal ? { signal: this.deps.signal } : {}),
        ...(this.deps.healthOf ? { healthOf: this.deps.healthOf } : {}),
      },
      body,
    );
    for (;;) {
      const step = await stream.next();
      if (step.done) return this.answered(step.value);
      const event = step.value;
      if (event.type === 'route') {
        const trace = event.trace;
        this.routedTo = trace.model;
        personal.record(trace);
        recorder.routed(trace, asked);
        this.emit({
          type: 'routed',
          turnId,
          conversationId: this.conversationId,
          recordId: recorder.recordId ?? null,
          decision: trace.decision,
          model: trace.model,
          private: trace.private,
          privacyReasons: trace.privacy_reasons.map((reason) => ({
            kind: reason.kind,
            detail: reason.detail,
          })),
        });
      } else if (event.type === 'lane') {
        recorder.laneStarted(event.candidate.lane, event.attempts);
        this.laneId = event.candidate.lane.id;
        // A fallback may answer with another alias than the one routed to.
        this.routedTo = event.candidate.target.alias;
        this.emit({
          type: 'lane',
          turnId,
          laneId: event.candidate.lane.id,
          locality: event.candidate.lane.locality,
          attempts: event.attempts.map(attemptView),
        });
      } else {
        const { content, reasoning } = event.delta;
        if ((content ?? '') === '' && (reasoning ?? '') === '') continue;
        this.emit({
          type: 'token',
          turnId,
          ...(content ? { content } : {}),
          ...(reasoning ? { reasoning } : {}),
        });
      }
    }
  }

  private answered(result: RoutedChatResult): ChatTurnOutcome {
    const recorder = this.recorder;
    const alias = result.candidate.target.alias;
    recorder?.answered(alias, result.answer, result.attempts);
    const recordId = recorder?.recordId ?? null;
    const usage = result.answer.usage;
    const message = this.conversationId
      ? this.storeAnswer(this.conversationId, {
          role: 'assistant',
          content: result.answer.content,
          model: alias,
          laneId: result.candidate.lane.id,
          ...(result.trace.decision ? { decision: result.trace.decision } : {}),
          ...(recordId ? { recordId } : {}),
          ...(usage?.promptTokens !== undefined ? { promptTokens: usage.promptTokens } : {}),
          ...(usage?.completionTokens !== undefined
            ? { completionTokens: usage.completionTokens }
            : {}),
        })
      : undefined;
    const messageId = message?.id ?? null;
    this.emit({
      type: 'done',
      turnId: this.turnId,
      messageId,
      recordId,
      laneId: result.candidate.lane.id,
      model: alias,
      usage: usageView(usage),
    });
    return { status: 'answered', turnId: this.turnId, result, recordId, messageId };
  }

  /** Stores a complete answer; one given again replaces the answers it supersedes. */
  private storeAnswer(conversationId: string, message: NewMessage) {
    const supersedes = this.request.again?.supersedes ?? [];
    return this.deps.db.transaction(() => {
      this.conversations.removeMessages(conversationId, supersedes);
      return this.conversations.append(conversationId, message);
    })();
  }

  /** Ends the turn after `error`: the record finished, a partial answer kept and marked. */
  fail(error: unknown): ChatTurnOutcome {
    const recordId = this.recorder?.recordId ?? null;
    const partial = isLaneError(error) ? error.partial?.content : undefined;
    const partialKept = partial !== undefined && partial !== '';
    try {
      this.recorder?.failed(error, this.routedTo);
      if (this.conversationId && partialKept) {
        this.conversations.append(this.conversationId, {
          role: 'assistant',
          content: partial,
          status: 'partial',
          ...(this.routedTo ? { model: this.routedTo } : {}),
          ...(this.laneId ? { laneId: this.laneId } : {}),
          ...(recordId ? { recordId } : {}),
        });
      }
    } catch (storeError) {
      log.error({ err: storeError }, 'the end of a failed chat turn could not be stored');
    }
    const failure = describeFailure(error);
    this.emit({ type: 'error', turnId: this.turnId, ...failure, partialKept, recordId });
    return { status: 'failed', turnId: this.turnId, failure, recordId, partialKept };
  }
}
