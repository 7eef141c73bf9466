import { describe, expect, it } from 'vitest';
import {
  exportConversation,
  fileBaseOf,
} from '../../../src-main/core/conversations/conversation-export';
import type {
  ConversationListing,
  StoredMessage,
} from '../../../src-main/core/conversations/conversation-store';

// The export formats on hand-made messages: what each status and field becomes.

const listing: ConversationListing = {
  id: 'c1',
  title: 'Straße & Co: plans',
  updatedAt: '2026-11-25T10:05:00.000Z',
  private: true,
  keepLocal: false,
  messageCount: 2,
};

const message = (extra: Partial<StoredMessage>): StoredMessage => ({
  id: 1,
  conversationId: 'c1',
  createdAt: '2026-11-25T10:00:00.000Z',
  role: 'user',
  content: '',
  attachments: [],
  model: null,
  laneId: null,
  decision: null,
  recordId: null,
  promptTokens: null,
  completionTokens: null,
  status: 'complete',
  ...extra,
});

const messages = [
  message({ content: 'Plan the move' }),
  message({
    id: 2,
    role: 'assistant',
    content: 'First, pack the',
    model: 'local/small',
    laneId: 'local/small_box',
    decision: 'planning',
    status: 'partial',
  }),
];

describe('exportConversation', () => {
  it('writes Markdown with headings, a privacy note, partial answers marked and routing', () => {
    const { text, fileName, mimeType } = exportConversation(
      listing,
      messages,
      'markdown',
      new Date('2026-11-26T08:30:00Z'),
    );
    expect(fileName).toBe('strasse-co-plans.md');
    expect(mimeType).toBe('text/markdown');
    expect(text.split('\n').slice(0, 3)).toEqual([
      '# Straße & Co: plans',
      '',
      'Exported from Homelane on 2026-11-26 08:30 UTC: 2 messages. This conversation is private: it stays on local and LAN lanes.',
    ]);
    expect(text).toContain('## You · 2026-11-25 10:00 UTC\n\nPlan the move');
    expect(text).toContain('## Assistant · local/small · 2026-11-25 10:00 UTC\n\nFirst, pack the');
    expect(text).toContain('_The answer stopped early; this is the part that came._');
    expect(text).toContain('_Routed: decision planning · lane local/small_box_');
  });

  it('writes JSON that parses back to the same messages', () => {
    const { text } = exportConversation(listing, messages, 'json', new Date(0));
    expect(JSON.parse(text)).toEqual({
      kind: 'homelane.conversation',
      version: 1,
      exportedAt: '1970-01-01T00:00:00.000Z',
      conversation: listing,
      messages,
    });
  });
});

describe('fileBaseOf', () => {
  it('makes a safe, short file name and falls back when nothing is left', () => {
    expect(fileBaseOf('../../etc/passwd')).toBe('etc-passwd');
    expect(fileBaseOf('Café au lait?')).toBe('cafe-au-lait');
    expect(fileBaseOf('日本語')).toBe('conversation');
    expect(fileBaseOf('a'.repeat(80)).length).toBe(60);
  });
});
