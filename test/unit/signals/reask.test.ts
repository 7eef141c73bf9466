import { describe, expect, it } from 'vitest';
import type { ReaskRule } from '../../../src-main/core/config/schema/signals';
import type { ChatMessage } from '../../../src-main/core/router/request';
import { reaskSignal, reaskStreak } from '../../../src-main/core/signals/reask';
import { atCosine, lookupEmbedder, prepareEnv, signalInput } from '../../support/hand-made-models';

// The current turn sits at [1, 0]; each earlier turn at a chosen cosine to it.
const vectors = {
  'how do I reset my router': [1, 0],
  'router reset steps?': atCosine(0.95),
  'reset the router how': atCosine(0.9),
  'what is the weather': atCosine(0.2),
  'nearly the same': atCosine(0.79),
};

function conversation(...userTurns: string[]): ChatMessage[] {
  return userTurns.flatMap((content, i) =>
    i < userTurns.length - 1
      ? [
          { role: 'user', content },
          { role: 'assistant', content: 'an answer' },
        ]
      : [{ role: 'user', content }],
  );
}

async function run(rules: ReaskRule[], messages: ChatMessage[]) {
  const embedder = lookupEmbedder(vectors);
  const prepared = await reaskSignal.prepare(rules, prepareEnv({ ml: { embedder } }));
  return { output: await prepared.evaluate(signalInput({ messages })), embedder };
}

describe('reask signal', () => {
  it('keeps only the matching rules with the largest lookback', async () => {
    const { output, embedder } = await run(
      [
        { name: 'once', threshold: 0.85, lookback_turns: 1 },
        { name: 'twice', threshold: 0.85, lookback_turns: 2 },
        { name: 'thrice', threshold: 0.85, lookback_turns: 3 },
      ],
      conversation('reset the router how', 'router reset steps?', 'how do I reset my router'),
    );
    expect(output.matched).toEqual(['twice']);
    // The lowest similarity within the first two earlier turns.
    expect(output.confidences).toEqual({ 'reask:twice': expect.closeTo(0.9, 6) });
    expect(output.values).toEqual({ 'reask:once': 2, 'reask:twice': 2, 'reask:thrice': 2 });
    // Current turn first, then earlier user turns most recent first.
    expect(embedder.calls).toEqual([
      ['how do I reset my router', 'router reset steps?', 'reset the router how'],
    ]);
  });

  it('stops the streak at the first dissimilar turn', async () => {
    const { output } = await run(
      [{ name: 'twice', threshold: 0.85, lookback_turns: 2 }],
      conversation(
        'reset the router how',
        'what is the weather',
        'router reset steps?',
        'how do I reset my router',
      ),
    );
    expect(output.matched).toEqual([]);
    expect(output.values).toEqual({ 'reask:twice': 1 });
    expect(reaskStreak([0.9, 0.2, 0.9], 0.85)).toBe(1);
  });

  it('defaults to threshold 0.8 and one turn of lookback', async () => {
    const near = await run(
      [{ name: 'again' }],
      conversation('nearly the same', 'how do I reset my router'),
    );
    expect(near.output.matched).toEqual([]);
    const same = await run(
      [{ name: 'again' }],
      conversation('router reset steps?', 'how do I reset my router'),
    );
    expect(same.output.matched).toEqual(['again']);
  });

  it('needs an earlier user turn', async () => {
    const { output, embedder } = await run(
      [{ name: 'again' }],
      conversation('how do I reset my router'),
    );
    expect(output).toMatchObject({ status: 'ok', matched: [] });
    expect(embedder.calls).toEqual([]);
  });

  it('is unavailable without an embedding model', async () => {
    const prepared = await reaskSignal.prepare([{ name: 'again' }], prepareEnv());
    const output = await prepared.evaluate(signalInput({ messages: conversation('a', 'b') }));
    expect(output.status).toBe('unavailable');
    expect(output.reason).toBe('reask needs the embedding model, which is not installed');
  });
});
