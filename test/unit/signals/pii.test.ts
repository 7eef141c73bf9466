import { describe, expect, it } from 'vitest';
import type { PiiRule } from '../../../src-main/core/config/schema/signals';
import type { TokenEntity } from '../../../src-main/core/ml/types';
import { piiSignal } from '../../../src-main/core/signals/pii';
import { fixedTokenClassifier, prepareEnv, signalInput } from '../../support/hand-made-models';

/** Finds e-mail addresses (score 0.95) and the name "Alice" (score 0.8). */
function findEntities(text: string): TokenEntity[] {
  const found: TokenEntity[] = [];
  for (const m of text.matchAll(/\S+@\S+\.\w+/g)) {
    found.push({ type: 'EMAIL_ADDRESS', start: m.index, end: m.index + m[0].length, score: 0.95 });
  }
  for (const m of text.matchAll(/Alice/g)) {
    found.push({ type: 'PERSON', start: m.index, end: m.index + m[0].length, score: 0.8 });
  }
  return found;
}

async function run(rules: PiiRule[], text: string) {
  const pii = fixedTokenClassifier(findEntities);
  const prepared = await piiSignal.prepare(rules, prepareEnv({ ml: { pii } }));
  return { output: await prepared.evaluate(signalInput(text)), pii };
}

const TEXT = 'Write to Alice at alice@example.com please';

describe('pii signal', () => {
  it('matches when an entity type over the threshold is not allowed (case-insensitive)', async () => {
    const { output } = await run(
      [
        { name: 'no_people', threshold: 0.7, pii_types_allowed: ['email_address'] },
        { name: 'people_ok', threshold: 0.7, pii_types_allowed: ['EMAIL_ADDRESS', 'person'] },
        { name: 'strict_scores', threshold: 0.9, pii_types_allowed: ['email_address'] },
      ],
      TEXT,
    );
    expect(output.matched).toEqual(['no_people']);
    expect(output.confidences).toEqual({});
    expect(output.details).toMatchObject({ deniedTypes: { no_people: ['PERSON'] } });
  });

  it('uses the module threshold 0.9 when a rule sets none', async () => {
    const { output } = await run([{ name: 'any_pii' }], TEXT);
    expect(output.matched).toEqual(['any_pii']);
    expect(output.details).toMatchObject({ deniedTypes: { any_pii: ['EMAIL_ADDRESS'] } });
  });

  it('scans long texts in chunks and reports offsets into the whole text, not the text itself', async () => {
    const text = `${'nothing to see here. '.repeat(100)}mail bob@example.org now`;
    const { output, pii } = await run([{ name: 'any_pii', threshold: 0.5 }], text);
    expect(pii.calls.length).toBeGreaterThan(1);
    const start = text.indexOf('bob@example.org');
    expect(output.details).toMatchObject({
      entities: [
        { type: 'EMAIL_ADDRESS', start, end: start + 'bob@example.org'.length, source: 0 },
      ],
    });
    expect(JSON.stringify(output.details)).not.toContain('bob@');
  });

  it('reports a method other than the model as not available', async () => {
    const { output } = await run([{ name: 'regex_pii', method: 'regex' }], TEXT);
    expect(output).toMatchObject({ status: 'error', reason: 'pii method regex is not available' });
  });

  it('is unavailable without the PII classifier', async () => {
    const prepared = await piiSignal.prepare([{ name: 'any_pii' }], prepareEnv());
    expect(await prepared.evaluate(signalInput(TEXT))).toMatchObject({
      status: 'unavailable',
      reason: 'pii needs the PII classifier model, which is not installed',
    });
  });
});
