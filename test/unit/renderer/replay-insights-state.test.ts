import { describe, expect, it } from 'vitest';
import { rangeInput } from '../../../src-renderer/src/pages/insights/insights-range';
import { formatShare } from '../../../src-renderer/src/pages/insights/insights-format';
import { cleanFilters } from '../../../src-renderer/src/pages/replay/replay-store';
import { promptLine } from '../../../src-renderer/src/pages/replay/replay-format';

describe('insights range', () => {
  const now = Date.parse('2026-11-25T12:00:00.000Z');
  it('starts each range the right span before now, and "all" has no bound', () => {
    expect(rangeInput('24h', now)).toEqual({ from: '2026-11-24T12:00:00.000Z' });
    expect(rangeInput('7d', now)).toEqual({ from: '2026-11-18T12:00:00.000Z' });
    expect(rangeInput('30d', now)).toEqual({ from: '2026-10-26T12:00:00.000Z' });
    expect(rangeInput('all', now)).toEqual({});
  });

  it('gives a share as a whole percent, and none of nothing', () => {
    expect(formatShare(2, 3)).toBe('67%');
    expect(formatShare(0, 0)).toBe('—');
  });
});

describe('replay filters', () => {
  it('drops cleared values but keeps false', () => {
    expect(
      cleanFilters({ text: '', decision: 'casual', alias: undefined, private: false }),
    ).toEqual({ decision: 'casual', private: false });
  });

  it('shows the first non-empty line of a prompt, cut short', () => {
    expect(promptLine('\n  \nhello there\nsecond')).toBe('hello there');
    expect(promptLine('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
