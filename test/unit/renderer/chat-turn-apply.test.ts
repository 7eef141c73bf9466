import { describe, expect, it } from 'vitest';
import type { MessageView, RoutingRecordView } from '../../../src-main/contract';
import type { LiveTurn } from '../../../src-renderer/src/pages/chat/chat-types';
import {
  applyLane,
  applyRouted,
  applyToken,
  maxMessageId,
  messageFromView,
  questionMessage,
  routingWithRecord,
  streamingAnswer,
  visibleMessages,
} from '../../../src-renderer/src/pages/chat/turn-apply';

// The Chat page's pure steps: a turn's events building its answer and badge,
// and what the thread shows while a turn is on its way.

const view = (id: number, role: MessageView['role'], content: string): MessageView => ({
  id,
  conversationId: 'c',
  createdAt: '2026-11-25T10:00:00.000Z',
  role,
  content,
  attachments: [],
  model: role === 'assistant' ? 'local/small' : null,
  laneId: role === 'assistant' ? 'local/small_box' : null,
  decision: null,
  recordId: role === 'assistant' ? `r${id}` : null,
  promptTokens: null,
  completionTokens: null,
  status: 'complete',
});

const live = (extra: Partial<LiveTurn>): LiveTurn => ({
  turnId: 't1',
  conversationId: 'c',
  question: null,
  answer: streamingAnswer('live-a:1'),
  replacing: false,
  stopAsked: false,
  knownMaxId: 0,
  lastEventAt: 0,
  ...extra,
});

describe('a turn streaming in', () => {
  it('builds the answer and its badge from routed, lane and token events', () => {
    let answer = streamingAnswer('a');
    answer = applyRouted(answer, {
      turnId: 't',
      conversationId: 'c',
      recordId: 'r9',
      decision: 'coding',
      model: 'cloud/big',
      private: true,
      privacyReasons: [],
    });
    // The fallback answered with another alias than the one routed to.
    answer = applyLane(answer, {
      turnId: 't',
      laneId: 'local/small_box',
      locality: 'local',
      attempts: [
        { laneId: 'cloud/big_api', alias: 'cloud/big', source: 'selected', outcome: 'failed' },
        {
          laneId: 'local/small_box',
          alias: 'local/small',
          source: 'default_model',
          outcome: 'answered',
          latencyMs: 120,
        },
      ],
    });
    answer = applyToken(answer, { turnId: 't', reasoning: 'Hm. ' });
    answer = applyToken(answer, { turnId: 't', content: 'Hello' });
    answer = applyToken(answer, { turnId: 't', content: ' there' });
    expect(answer).toMatchObject({
      content: 'Hello there',
      reasoning: 'Hm. ',
      status: 'streaming',
      routing: {
        decision: 'coding',
        model: 'local/small',
        laneId: 'local/small_box',
        locality: 'local',
        private: true,
        firstTokenMs: 120,
        recordId: 'r9',
      },
    });
  });

  it('fills a stored reply from its record, keeping what the events knew', () => {
    const stored = messageFromView(view(2, 'assistant', 'Hi'));
    expect(stored.routing).toMatchObject({ private: null, locality: null, recordId: 'r2' });
    const record = {
      id: 'r2',
      decision: 'chat',
      selected_model: 'local/small',
      lane_id: 'local/small_box',
      locality: 'lan',
      private: false,
      fallback_chain: [
        {
          lane_id: 'local/small_box',
          alias: 'local/small',
          source: 'selected',
          outcome: 'answered',
          latency_ms: 80,
        },
      ],
    } as unknown as RoutingRecordView;
    expect(routingWithRecord(stored.routing, record)).toEqual({
      decision: 'chat',
      model: 'local/small',
      laneId: 'local/small_box',
      locality: 'lan',
      private: false,
      firstTokenMs: 80,
      recordId: 'r2',
    });
    // The guard refused the policy's cloud choice: the badge names the alias that answered.
    const rerouted = {
      ...record,
      selected_model: 'cloud/big',
      private: true,
      locality: 'local',
      fallback_chain: [
        {
          lane_id: 'cloud/big_api',
          alias: 'cloud/big',
          source: 'selected',
          outcome: 'refused_by_guard',
        },
        {
          lane_id: 'local/small_box',
          alias: 'local/small',
          source: 'guard_reroute',
          outcome: 'answered',
        },
      ],
    } as unknown as RoutingRecordView;
    expect(routingWithRecord(stored.routing, rerouted)).toMatchObject({
      model: 'local/small',
      laneId: 'local/small_box',
      private: true,
    });
  });
});

describe('the thread while a turn is on its way', () => {
  const stored = [
    messageFromView(view(1, 'user', 'Q1')),
    messageFromView(view(2, 'assistant', 'A1')),
    messageFromView(view(3, 'user', 'Q2')),
    messageFromView(view(4, 'assistant', 'A2 (old)')),
  ];

  it('adds the new question and the streaming answer after what is stored', () => {
    const turn = live({ question: questionMessage('live-q:1', 'Q3') });
    expect(visibleMessages(stored, turn).map((m) => m.content)).toEqual([
      'Q1',
      'A1',
      'Q2',
      'A2 (old)',
      'Q3',
      '',
    ]);
  });

  it('hides the answers being replaced while a regenerated one streams', () => {
    expect(visibleMessages(stored, live({ replacing: true })).map((m) => m.content)).toEqual([
      'Q1',
      'A1',
      'Q2',
      '',
    ]);
    expect(visibleMessages(stored, null)).toBe(stored);
    expect(maxMessageId(stored)).toBe(4);
    expect(maxMessageId([])).toBe(0);
  });
});
