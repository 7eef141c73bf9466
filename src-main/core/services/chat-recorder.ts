import type { RouterConfig } from '../config/router-config';
import { requestCost } from '../insights/pricing';
import type { LaneAttempt } from '../lanes/fallback';
import { NoLaneError } from '../lanes/fallback';
import { isLaneError } from '../lanes/lane-errors';
import type { PartialAnswer } from '../lanes/chat-types';
import type { Lane } from '../lanes/lane-registry';
import { capture } from '../replay/capture';
import { newRecord, newRecordId } from '../replay/record-builder';
import { createLogger } from '../logger';
import type { RecordStore } from '../replay/record-store';
import { RecordWriteQueue } from '../replay/record-write-queue';
import type { RecordOutcome } from '../replay/record-types';
import { replaySettings } from '../replay/replay-settings';
import type { ReplaySettings } from '../replay/replay-settings';
import type { RoutingTrace } from '../router/trace';

const log = createLogger('replay');

// Keeps the record of one chat request: written when it is routed, completed
// when its answer ends — answered, failed (with the partial answer, marked)
// or cancelled — with lane, fallback chain, timings, usage and cost.
//
// With `finishLater` (a server answering many requests) the end is written
// like the start: just after the current turn of the event loop, with the
// other records' ends of that turn, in one transaction. Without it (the
// app's own chat, which stores the answer beside its record) it is written
// at once.

export interface ChatRecorderOptions {
  conversationId?: string;
  streaming: boolean;
  /** Write the record's end with the next batch instead of at once. */
  finishLater?: boolean;
}

export class ChatRecorder {
  private id: string | undefined;
  private written = false;
  private queue: RecordWriteQueue | undefined;
  private settings: ReplaySettings | undefined;
  private started = performance.now();
  private firstToken: number | undefined;
  private lane: Lane | undefined;
  private attempts: LaneAttempt[] = [];

  constructor(
    private readonly store: RecordStore,
    private readonly config: RouterConfig,
    private readonly options: ChatRecorderOptions,
  ) {}

  get recordId(): string | undefined {
    return this.id;
  }

  /**
   * The record's id is known at once (headers and events carry it); the
   * record itself is written just after the current turn of the event loop,
   * with the others of that turn (RecordWriteQueue), so the answer's first
   * bytes go out before the database is touched. The end of the request
   * writes it first if it is still waiting.
   */
  routed(trace: RoutingTrace, body: unknown): void {
    const settings = replaySettings(trace);
    this.settings = settings;
    if (!settings.enabled) return;
    const now = new Date();
    const id = newRecordId(now);
    this.id = id;
    this.written = false;
    this.queue = RecordWriteQueue.of(this.store.database);
    this.queue.add(
      () => {
        const record = newRecord(trace, {
          body,
          streaming: this.options.streaming,
          routingMs: trace.latency_ms,
          settings,
          now,
          id,
          ...(this.options.conversationId ? { conversationId: this.options.conversationId } : {}),
        });
        this.store.insert(record, settings.maxRecords);
        this.written = true;
      },
      (error) => {
        log.error({ err: error, record: id }, 'a routing record could not be written');
        this.id = undefined;
      },
    );
  }

  /**
   * Resolves once the record's end is in the database (at once unless it was
   * written with `finishLater`). A server ends its answer after this: a
   * client that has read the answer's end finds the record complete.
   */
  ended(): Promise<void> {
    return this.queue?.settled() ?? Promise.resolve();
  }

  laneStarted(lane: Lane, attempts: readonly LaneAttempt[]): void {
    this.lane = lane;
    this.attempts = [...attempts];
    this.firstToken ??= performance.now() - this.started;
  }

  answered(alias: string, answer: PartialAnswer, attempts: readonly LaneAttempt[]): void {
    this.attempts = [...attempts];
    this.finish({ lifecycle_state: 'completed', ...this.usageAndCost(alias, answer) }, answer);
  }

  failed(error: unknown, alias: string | null): void {
    const partial = isLaneError(error) ? error.partial : undefined;
    if (error instanceof NoLaneError) this.attempts = error.attempts;
    const aborted = isLaneError(error) && error.code === 'aborted';
    const code = isLaneError(error) || error instanceof NoLaneError ? error.code : 'internal';
    this.finish(
      {
        lifecycle_state: aborted ? 'aborted' : 'failed',
        terminal_reason: partial?.content ? `${code} (partial answer kept)` : code,
        ...(partial && alias ? this.usageAndCost(alias, partial) : {}),
      },
      partial,
    );
  }

  private usageAndCost(alias: string, answer: PartialAnswer): Partial<RecordOutcome> {
    const usage = answer.usage;
    if (!usage) return {};
    const cost = requestCost(this.config, alias, {
      promptTokens: usage.promptTokens ?? 0,
      completionTokens: usage.completionTokens ?? 0,
    });
    return {
      ...(usage.promptTokens !== undefined ? { prompt_tokens: usage.promptTokens } : {}),
      ...(usage.completionTokens !== undefined
        ? { completion_tokens: usage.completionTokens }
        : {}),
      ...(usage.totalTokens !== undefined ? { total_tokens: usage.totalTokens } : {}),
      ...(cost ?? {}),
    };
  }

  private finish(outcome: RecordOutcome, answer: PartialAnswer | undefined): void {
    const queue = this.queue;
    const settings = this.settings;
    if (!queue || !settings || this.id === undefined) return;
    const now = new Date();
    const response =
      settings.captureResponseBody && answer && answer.content !== ''
        ? capture(answer.content, settings.maxBodyBytes)
        : undefined;
    const ended: RecordOutcome = {
      ...outcome,
      fallback_chain: this.attempts,
      duration_ms: performance.now() - this.started,
      ...(this.firstToken !== undefined ? { ttft_ms: this.firstToken } : {}),
      ...(this.lane ? { lane_id: this.lane.id, locality: this.lane.locality } : {}),
      ...(response ? { response_body: response.text } : {}),
    };
    const write = () => {
      // The record may have failed to be written (its id is then gone).
      const id = this.id;
      if (!this.written || id === undefined) return;
      const options = { now, ...(response?.truncated ? { responseTruncated: true } : {}) };
      if (!this.store.complete(id, ended, options)) {
        log.warn({ record: id }, 'a routing record was gone before its end could be written');
      }
    };
    if (this.options.finishLater) {
      queue.add(
        write,
        (error) =>
          log.error(
            { err: error, record: this.id },
            'the end of a routing record could not be written',
          ),
        'finish',
      );
      return;
    }
    // The record itself first, if it still waits; then its end, now.
    queue.flush();
    write();
  }
}
