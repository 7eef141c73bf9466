import { describe, expect, it } from 'vitest';
import type { EventRule } from '../../../src-main/core/config/schema/signals';
import { eventSignal } from '../../../src-main/core/signals/event';
import type { SignalOutput } from '../../../src-main/core/signals/signal-module';
import { buildTextViews } from '../../../src-main/core/signals/text-views';

const env = { ml: {}, global: {}, kbs: new Map() };

async function run(rules: EventRule[], text: string): Promise<SignalOutput> {
  const request = { text };
  const prepared = await eventSignal.prepare(rules, env);
  return prepared.evaluate({ request, views: buildTextViews(request) });
}

const INCIDENT: EventRule = {
  name: 'incident',
  event_types: ['outage', 'disk_full'],
  severities: ['critical', 'high'],
  action_codes: ['ERR-502'],
  temporal: true,
};

const confidence = async (rule: EventRule, text: string): Promise<number | undefined> =>
  (await run([rule], text)).confidences[`event:${rule.name}`];

describe('event criteria', () => {
  it('scores 0.5 + 0.5 × hits / criteria', async () => {
    expect(
      await confidence(INCIDENT, 'Critical outage since 2024-05-01 03:00, gateway says err-502'),
    ).toBe(1);
    expect(await confidence(INCIDENT, 'We had an outage')).toBe(0.625);
    expect(await confidence(INCIDENT, 'High load during the outage yesterday')).toBe(0.875);
  });

  it('does not match without any hit, and writes nothing then', async () => {
    const out = await run([INCIDENT], 'Please write a poem about autumn.');
    expect(out.matched).toEqual([]);
    expect(out.confidences).toEqual({});
  });

  it('treats _, - and spaces alike in event types', async () => {
    expect(await confidence(INCIDENT, 'the disk full alarm fired')).toBe(0.625);
    expect(await confidence(INCIDENT, 'DISK-FULL on db01')).toBe(0.625);
  });

  it('needs whole words', async () => {
    const out = await run([INCIDENT], 'The highway outages report, code ERR-5021');
    // `highway` is not `high`, `outages` is not `outage`, ERR-5021 is not ERR-502.
    expect(out.matched).toEqual([]);
  });

  it('reads a temporal word list instead of the defaults', async () => {
    const rule: EventRule = { name: 'when', temporal: ['after hours', 'weekend'] };
    expect(await confidence(rule, 'It broke after  hours')).toBe(1);
    expect(await confidence(rule, 'It broke yesterday')).toBeUndefined();
  });

  it('recognises common date and time expressions with temporal: true', async () => {
    const rule: EventRule = { name: 'when', temporal: true };
    for (const text of [
      'since 2024-05-01',
      'at 14:30',
      'around 3pm',
      'last night',
      'on Monday',
      'since March 3rd',
      '2 hours ago',
      'on 05/01/2024',
      '昨天晚上服务挂了',
    ]) {
      expect(await confidence(rule, text), text).toBe(1);
    }
    for (const text of ['three quarters of users', 'version 3.4', 'may I ask', 'a 3/4 majority']) {
      expect(await confidence(rule, text), text).toBeUndefined();
    }
  });

  it('accepts a temporal object, unless it is disabled', async () => {
    expect(await confidence({ name: 'a', temporal: { enabled: true } }, 'today')).toBe(1);
    expect(await confidence({ name: 'b', temporal: { keywords: ['q3'] } }, 'in Q3')).toBe(1);
    expect(
      await confidence({ name: 'c', temporal: { enabled: false }, event_types: ['x'] }, 'today'),
    ).toBeUndefined();
  });

  it('never matches a rule without criteria', async () => {
    const out = await run(
      [{ name: 'empty' }, { name: 'blank', event_types: [], severities: [] }],
      'critical outage',
    );
    expect(out.matched).toEqual([]);
  });

  it('finds CJK terms as substrings', async () => {
    expect(await confidence({ name: 'cn', event_types: ['宕机'] }, '数据库宕机了')).toBe(1);
  });

  it('reports what each criterion found', async () => {
    const out = await run([INCIDENT], 'critical outage');
    expect(out.details?.['hits']).toEqual({
      incident: { event_types: ['outage'], severities: ['critical'] },
    });
  });
});
