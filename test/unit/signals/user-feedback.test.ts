import { describe, expect, it } from 'vitest';
import type { NamedRule } from '../../../src-main/core/config/schema/signals';
import type { ChatMessage } from '../../../src-main/core/router/request';
import { userFeedbackSignal } from '../../../src-main/core/signals/user-feedback';
import { fixedClassifier, prepareEnv, signalInput } from '../../support/hand-made-models';

const LABELS = ['satisfied', 'need_clarification', 'wrong_answer', 'want_different'];
const withReply: ChatMessage[] = [
  { role: 'user', content: 'What is 2 + 2?' },
  { role: 'assistant', content: '5' },
  { role: 'user', content: 'That is wrong.' },
];
const rules: NamedRule[] = [{ name: 'wrong_answer' }, { name: 'satisfied' }];

async function run(ruleList: NamedRule[], probabilities: number[], messages = withReply) {
  const feedback = fixedClassifier(LABELS, probabilities);
  const prepared = await userFeedbackSignal.prepare(ruleList, prepareEnv({ ml: { feedback } }));
  return { output: await prepared.evaluate(signalInput({ messages })), feedback };
}

describe('user_feedback signal', () => {
  it('emits the predicted label when it is declared, without a confidence', async () => {
    const { output, feedback } = await run(rules, [0.1, 0.05, 0.8, 0.05]);
    expect(output.matched).toEqual(['wrong_answer']);
    expect(output.confidences).toEqual({});
    expect(feedback.calls).toEqual(['That is wrong.']);
  });

  it('treats a prediction under 0.7 as satisfied', async () => {
    const { output } = await run(rules, [0.2, 0.1, 0.6, 0.1]);
    expect(output.matched).toEqual(['satisfied']);
  });

  it('emits nothing for an undeclared label', async () => {
    const { output } = await run([{ name: 'wrong_answer' }], [0.05, 0.9, 0.03, 0.02]);
    expect(output.matched).toEqual([]);
  });

  it('does not run before the conversation has an assistant reply', async () => {
    const { output, feedback } = await run(
      rules,
      [0.1, 0.05, 0.8, 0.05],
      [{ role: 'user', content: 'That is wrong.' }],
    );
    expect(output).toMatchObject({ status: 'ok', matched: [] });
    expect(feedback.calls).toEqual([]);
  });

  it('is unavailable without the feedback classifier', async () => {
    const prepared = await userFeedbackSignal.prepare(rules, prepareEnv());
    expect(await prepared.evaluate(signalInput({ messages: withReply }))).toMatchObject({
      status: 'unavailable',
      reason: 'user_feedback needs the feedback classifier model, which is not installed',
    });
  });
});
