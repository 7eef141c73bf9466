import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ApiError } from '../../../contract';
import type {
  ChatRegenerateInput,
  ChatSend,
  ChatSendInput,
  DatabaseStatus,
  EventName,
} from '../../../contract';
import { ConversationStore } from '../../conversations/conversation-store';
import { createLogger } from '../../logger';
import type { CloudEscalation } from '../../privacy/egress-guard';
import { applySavedRetention } from '../../replay/retention';
import { databasePath } from '../../store/database';
import type { StoreError } from '../../store/database';
import { openStore } from '../../store/open-store';
import type { EventBus } from '../event-bus';
import type { LaneSet } from '../lanes-runtime';
import type { RoutingRuntime } from '../routing-runtime';
import { runChatTurn } from './chat-turn';
import type { ChatTurnRequest } from './chat-turn';
import { payloadOf } from './turn-events';
import type { ChatTurnEvent, ChatTurnEventType } from './turn-events';

const log = createLogger('chat');

/** How often, at most, the saved retention rule is applied while turns are stored. */
const RETENTION_EVERY_MS = 3_600_000;

// Chat in a running app (the desktop app and `homelane serve`): one database
// connection for the app's life, the router of the loaded profile, the lanes
// of the lanes runtime. Turns run side by side, each with its id; their
// progress goes out on the event bus as chat.* events.

export interface ChatServiceOptions {
  dataDir: string;
  /** The profile in force and its router (shared with the other surfaces). */
  routing: RoutingRuntime;
  /** The lanes as they are at the start of a turn. */
  laneSet: () => LaneSet;
  events: EventBus;
  cloudEscalation: CloudEscalation;
}

const EVENT_OF = {
  routed: 'chat.routed',
  lane: 'chat.lane',
  token: 'chat.token',
  remembered: 'chat.remembered',
  done: 'chat.done',
  error: 'chat.error',
} as const satisfies Record<ChatTurnEventType, EventName>;

interface RunningTurn {
  conversationId: string;
  controller: AbortController;
  finished: Promise<void>;
}

export class ChatService {
  readonly conversations: ConversationStore;
  private readonly running = new Map<string, RunningTurn>();
  private closing: Promise<void> | undefined;
  private retainedAt = 0;

  private constructor(
    private readonly db: Database.Database,
    private readonly options: ChatServiceOptions,
    private readonly problem: StoreError | null = null,
  ) {
    this.conversations = new ConversationStore(db);
  }

  /**
   * Opens the data folder's database. A damaged or locked one is opened
   * read-only: conversations can be read, sending is refused with the reason.
   * A StoreError when it cannot be used at all.
   */
  static open(options: ChatServiceOptions): ChatService {
    const opened = openStore(databasePath(options.dataDir));
    const service = new ChatService(opened.db, options, opened.problem);
    if (!opened.readOnly) service.keepRetention();
    return service;
  }

  /** The app's database connection (read-only when `databaseStatus` says so). */
  get database(): Database.Database {
    return this.db;
  }

  get databaseStatus(): DatabaseStatus {
    return this.problem
      ? { state: 'read_only', problem: { code: this.problem.code, message: this.problem.message } }
      : { state: 'ok', problem: null };
  }

  /** Starts a turn and returns at once; it streams through chat.* events. */
  send(input: ChatSendInput): ChatSend {
    this.assertCanSend();
    return this.start(
      {
        conversationId: input.conversationId ?? randomUUID(),
        text: input.text,
        ...(input.attachments ? { attachments: input.attachments } : {}),
        ...(input.model ? { model: input.model } : {}),
      },
      this.options.cloudEscalation,
    );
  }

  /**
   * Answers a conversation's last message again as a new turn (regenerate,
   * retry, or the person's "yes" to a cloud lane after `needs_confirmation`).
   */
  regenerate(input: ChatRegenerateInput): ChatSend {
    this.assertCanSend();
    const { conversationId } = input;
    const last = this.conversations.lastQuestion(conversationId);
    if (!last) {
      throw new ApiError('not_found', `Conversation ${conversationId} has no message to answer.`);
    }
    if (this.busy(conversationId)) {
      throw new ApiError('unavailable', 'A reply is still streaming in this conversation.', {
        reason: 'busy',
      });
    }
    const { question, answers } = last;
    // "Yes, use the cloud" only ever turns `ask` into `allow`, for this turn.
    const base = this.options.cloudEscalation;
    return this.start(
      {
        conversationId,
        text: question.content,
        ...(question.attachments.length > 0 ? { attachments: question.attachments } : {}),
        ...(input.model ? { model: input.model } : {}),
        again: {
          questionId: question.id,
          supersedes: answers.filter((a) => a.role === 'assistant').map((a) => a.id),
        },
      },
      input.allowCloud && base === 'ask' ? 'allow' : base,
    );
  }

  /** Whether a turn of this conversation is running. */
  busy(conversationId: string): boolean {
    return [...this.running.values()].some((turn) => turn.conversationId === conversationId);
  }

  private assertCanSend(): void {
    if (this.closing) throw new ApiError('unavailable', 'Chat is shutting down.');
    if (this.problem) {
      throw new ApiError(
        'unavailable',
        `${this.problem.message} It was opened read-only: conversations can be read, but nothing new can be stored, so messages are not sent.`,
        { reason: 'read_only', database: this.problem.code },
      );
    }
  }

  private start(
    request: ChatTurnRequest & { conversationId: string },
    cloudEscalation: CloudEscalation,
  ): ChatSend {
    const turnId = randomUUID();
    const { conversationId } = request;
    const controller = new AbortController();
    const finished = this.run({ ...request, turnId }, cloudEscalation, controller.signal)
      .catch((error: unknown) => log.error({ err: error, turnId }, 'a chat turn failed'))
      .finally(() => this.running.delete(turnId));
    this.running.set(turnId, { conversationId, controller, finished });
    return { turnId, conversationId };
  }

  /** Stops a running turn; false when there is none with that id. */
  cancel(turnId: string): boolean {
    const turn = this.running.get(turnId);
    if (!turn) return false;
    turn.controller.abort();
    return true;
  }

  get runningTurns(): number {
    return this.running.size;
  }

  /** Stops the running turns, waits for them to be stored, frees the models and the database. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const turns = [...this.running.values()];
      for (const turn of turns) turn.controller.abort();
      await Promise.allSettled(turns.map((turn) => turn.finished));
      this.db.close();
    })();
    return this.closing;
  }

  private async run(
    request: ChatTurnRequest & { turnId: string },
    cloudEscalation: CloudEscalation,
    signal: AbortSignal,
  ): Promise<void> {
    const { turnId } = request;
    try {
      await this.options.routing.withRouter(async (router) => {
        const lanes = this.options.laneSet();
        await runChatTurn(
          {
            db: this.db,
            router,
            lanes: lanes.lanes,
            clientFor: lanes.clientFor,
            healthOf: lanes.healthOf,
            cloudEscalation,
            signal,
          },
          request,
          (event) => this.publish(event),
        );
      });
    } catch (error) {
      // runChatTurn never throws: this is the router failing to build.
      log.error({ err: error }, 'the router of the loaded profile could not be built');
      this.publish({
        type: 'error',
        turnId,
        kind: 'internal',
        code: 'router_unavailable',
        message: 'Routing could not start with the loaded profile; the log has the details.',
        partialKept: false,
        recordId: null,
      });
      return;
    }
    this.keepRetention();
  }

  /** Applies the saved retention rule when the app opens and then at most hourly. */
  keepRetention(now = Date.now()): void {
    if (now - this.retainedAt < RETENTION_EVERY_MS) return;
    this.retainedAt = now;
    try {
      const { removed } = applySavedRetention(this.db, new Date(now));
      if (removed > 0) log.info({ removed }, 'old routing records removed by the retention rule');
    } catch (error) {
      log.error({ err: error }, 'the retention rule could not be applied');
    }
  }

  private publish(event: ChatTurnEvent): void {
    // Each turn event is its contract payload plus the tag (see turn-events.ts).
    this.options.events.emit(EVENT_OF[event.type], payloadOf(event) as never);
  }
}
