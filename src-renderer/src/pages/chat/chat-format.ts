import type { ConversationSummary } from '../../../../src-main/contract';

// Small, pure formatting for the Chat page: durations, money, times, and the
// title search.

/** `840 ms`, `2.4 s`, `1 min 5 s`. */
export function formatDuration(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return null;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** A cost with two significant figures below a cent: `$0.00042`, `$0.12`, `€1.50`, `free`. */
export function formatCost(cost: number | null, currency: string | null): string | null {
  if (cost === null || !Number.isFinite(cost)) return null;
  if (cost === 0) return 'free';
  const code = currency ?? 'USD';
  const digits = cost >= 0.01 ? 2 : Math.min(8, 1 - Math.floor(Math.log10(cost)));
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency: code,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(cost);
  } catch {
    return `${cost.toFixed(digits)} ${code}`;
  }
}

/** `just now`, `5 min ago`, `3 h ago`, `yesterday`, `12 Nov`, `12 Nov 2025`. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const seconds = (now.getTime() - at.getTime()) / 1000;
  if (!Number.isFinite(seconds)) return iso;
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  const days = dayNumber(now) - dayNumber(at);
  if (days === 0) return `${Math.floor(seconds / 3600)} h ago`;
  if (days === 1) return 'yesterday';
  const sameYear = at.getFullYear() === now.getFullYear();
  return at.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}

function dayNumber(date: Date): number {
  return Math.floor(
    new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime() / 86_400_000,
  );
}

/** Lower case without accents, for a search that forgives both. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Conversations whose title holds every word of the query, in list order. */
export function searchConversations(
  conversations: readonly ConversationSummary[],
  query: string,
): ConversationSummary[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...conversations];
  return conversations.filter((conversation) => {
    const title = foldForSearch(conversation.title);
    return words.every((word) => title.includes(word));
  });
}

export function titleOrUntitled(title: string): string {
  return title.trim() === '' ? 'Untitled conversation' : title;
}
