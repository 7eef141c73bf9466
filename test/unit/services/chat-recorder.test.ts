import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../src-main/core/config/load';
import type { RouterConfig } from '../../../src-main/core/config/router-config';
import type { Lane } from '../../../src-main/core/lanes/lane-registry';
import { Router } from '../../../src-main/core/router/router';
import type { RoutingTrace } from '../../../src-main/core/router/trace';
import { ChatRecorder } from '../../../src-main/core/services/chat-recorder';
import { useRecordDatabase } from '../../support/record-db';

// A chat request's record: written just after the turn it was routed in,
// and ended at once (the app's chat) or with the next batch (a server), in
// which case `ended()` says when it is in the database.

const CONFIG = `version: v0.3
providers:
  defaults: { default_model: local/small }
  models:
    - { name: local/small, provider_model_id: small }
routing:
  modelCards: [{ name: local/small }]
  signals:
    keywords:
      - { name: hard, operator: OR, keywords: [prove] }
  decisions:
    - name: hard_questions
      priority: 10
      rules: { operator: AND, conditions: [{ type: keyword, name: hard }] }
      modelRefs: [{ model: local/small }]
`;

const data = useRecordDatabase();
let router: Router;
let trace: RoutingTrace;
const lane = { id: 'local/small_box', locality: 'local' } as Lane;
const answer = { content: 'Q.E.D.', reasoning: '', toolCalls: [], finishReason: 'stop' };

beforeAll(async () => {
  router = await Router.create(loadConfigText(CONFIG, 'r.yaml').config as RouterConfig);
  trace = await router.route({ text: 'prove it' });
});

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the record of a chat request', () => {
  it('ends the record at once by default', async () => {
    const recorder = new ChatRecorder(data.store, router.config, { streaming: true });
    recorder.routed(trace, { model: 'auto', messages: [{ role: 'user', content: 'prove it' }] });
    const id = recorder.recordId ?? '';
    expect(data.store.has(id)).toBe(false);
    recorder.laneStarted(lane, []);
    recorder.answered(
      'local/small',
      { ...answer, usage: { promptTokens: 2, completionTokens: 3 } },
      [],
    );
    expect(data.store.get(id)).toMatchObject({
      lifecycle_state: 'completed',
      lane_id: 'local/small_box',
      completion_tokens: 3,
      response_body: 'Q.E.D.',
    });
  });

  it('with finishLater, ends it with the next batch and says when', async () => {
    const recorders = [1, 2, 3].map(
      () => new ChatRecorder(data.store, router.config, { streaming: true, finishLater: true }),
    );
    for (const recorder of recorders) recorder.routed(trace, { model: 'auto', messages: [] });
    await nextTurn();
    const ids = recorders.map((recorder) => recorder.recordId ?? '');
    for (const recorder of recorders) {
      recorder.laneStarted(lane, []);
      recorder.answered('local/small', answer, []);
    }
    recorders[2]?.failed(new Error('too late'), 'local/small');
    expect(ids.map((id) => data.store.get(id)?.lifecycle_state)).toEqual([
      'in_progress',
      'in_progress',
      'in_progress',
    ]);
    await recorders[0]?.ended();
    expect(ids.map((id) => data.store.get(id)?.lifecycle_state)).toEqual([
      'completed',
      'completed',
      // The last end written wins, as it would have at once.
      'failed',
    ]);
  });

  it('with finishLater, writes a record routed in the same turn before its end', async () => {
    const recorder = new ChatRecorder(data.store, router.config, {
      streaming: false,
      finishLater: true,
    });
    recorder.routed(trace, { model: 'auto', messages: [] });
    recorder.failed(new Error('boom'), null);
    await recorder.ended();
    expect(data.store.get(recorder.recordId ?? '')).toMatchObject({
      lifecycle_state: 'failed',
      terminal_reason: 'internal',
    });
  });
});
