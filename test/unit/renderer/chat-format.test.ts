import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../../src-main/contract';
import {
  formatCost,
  formatDuration,
  formatWhen,
  searchConversations,
} from '../../../src-renderer/src/pages/chat/chat-format';

describe('chat formatting', () => {
  it('says durations the way people read them', () => {
    expect(formatDuration(840.4)).toBe('840 ms');
    expect(formatDuration(2_440)).toBe('2.4 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(65_000)).toBe('1 min 5 s');
    expect(formatDuration(null)).toBeNull();
    expect(formatDuration(-1)).toBeNull();
  });

  it('shows small costs with two significant figures, and free as free', () => {
    expect(formatCost(0.00042, 'USD')).toBe('$0.00042');
    expect(formatCost(0.0006524, 'USD')).toBe('$0.00065');
    expect(formatCost(0.123, 'USD')).toBe('$0.12');
    expect(formatCost(1.5, 'EUR')).toBe('€1.50');
    expect(formatCost(0, 'USD')).toBe('free');
    expect(formatCost(null, 'USD')).toBeNull();
    expect(formatCost(2, 'not a currency')).toBe('2.00 not a currency');
  });

  it('says when, relative to now', () => {
    const now = new Date('2026-11-25T15:00:00');
    expect(formatWhen('2026-11-25T14:59:30', now)).toBe('just now');
    expect(formatWhen('2026-11-25T14:35:00', now)).toBe('25 min ago');
    expect(formatWhen('2026-11-25T09:00:00', now)).toBe('6 h ago');
    expect(formatWhen('2026-11-24T23:00:00', now)).toBe('yesterday');
    expect(formatWhen('2026-11-02T10:00:00', now)).toBe('2 Nov');
    expect(formatWhen('2025-03-02T10:00:00', now)).toBe('2 Mar 2025');
  });

  it('finds conversations by every word of their title, forgiving case and accents', () => {
    const item = (id: string, title: string): ConversationSummary => ({
      id,
      title,
      updatedAt: '2026-11-25T10:00:00Z',
      private: false,
      keepLocal: false,
      messageCount: 2,
    });
    const all = [
      item('a', 'Crème brûlée recipe'),
      item('b', 'Balcony garden'),
      item('c', 'Garden shed'),
    ];
    expect(searchConversations(all, 'creme').map((c) => c.id)).toEqual(['a']);
    expect(searchConversations(all, 'GARDEN').map((c) => c.id)).toEqual(['b', 'c']);
    expect(searchConversations(all, 'garden shed').map((c) => c.id)).toEqual(['c']);
    expect(searchConversations(all, '   ').map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(searchConversations(all, 'nothing')).toEqual([]);
  });
});
