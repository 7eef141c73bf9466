import type { ConversationListing, StoredMessage } from './conversation-store';

// A conversation as a file the person keeps: Markdown to read (each message
// under a heading, files sent along in fences, the routing of each answer in
// a line under it) or JSON to process (the stored messages as they are).

export type ExportFormat = 'markdown' | 'json';

export interface ExportedConversation {
  format: ExportFormat;
  fileName: string;
  mimeType: string;
  text: string;
}

export const JSON_EXPORT_KIND = 'homelane.conversation';

const ROLE_LABEL: Record<StoredMessage['role'], string> = {
  user: 'You',
  assistant: 'Assistant',
  system: 'System',
  tool: 'Tool',
};

export function exportConversation(
  conversation: ConversationListing,
  messages: readonly StoredMessage[],
  format: ExportFormat,
  now: Date = new Date(),
): ExportedConversation {
  const base = fileBaseOf(conversation.title);
  if (format === 'json') {
    const document = {
      kind: JSON_EXPORT_KIND,
      version: 1,
      exportedAt: now.toISOString(),
      conversation,
      messages,
    };
    return {
      format,
      fileName: `${base}.json`,
      mimeType: 'application/json',
      text: `${JSON.stringify(document, null, 2)}\n`,
    };
  }
  return {
    format,
    fileName: `${base}.md`,
    mimeType: 'text/markdown',
    text: markdownOf(conversation, messages, now),
  };
}

function markdownOf(
  conversation: ConversationListing,
  messages: readonly StoredMessage[],
  now: Date,
): string {
  const title = conversation.title.trim() === '' ? 'Conversation' : conversation.title;
  const lines = [
    `# ${title}`,
    '',
    `Exported from Homelane on ${stamp(now.toISOString())}: ${messages.length} ${
      messages.length === 1 ? 'message' : 'messages'
    }.${conversation.private ? ' This conversation is private: it stays on local and LAN lanes.' : ''}`,
  ];
  for (const message of messages) lines.push('', '---', '', ...messageLines(message));
  return `${lines.join('\n')}\n`;
}

function messageLines(message: StoredMessage): string[] {
  const who = [ROLE_LABEL[message.role], message.model, stamp(message.createdAt)].filter(Boolean);
  const lines = [`## ${who.join(' · ')}`, ''];
  lines.push(message.content === '' ? '_(no text)_' : message.content);
  for (const file of message.attachments) {
    const fence = fenceFor(file.text);
    lines.push('', `**Attached file: ${file.name}**`, '', `${fence}text`, file.text, fence);
  }
  if (message.status !== 'complete') {
    lines.push(
      '',
      message.status === 'partial'
        ? '_The answer stopped early; this is the part that came._'
        : '_The answer failed._',
    );
  }
  const routing = [
    message.decision ? `decision ${message.decision}` : undefined,
    message.laneId ? `lane ${message.laneId}` : undefined,
    message.recordId ? `record ${message.recordId}` : undefined,
  ].filter(Boolean);
  if (routing.length > 0) lines.push('', `_Routed: ${routing.join(' · ')}_`);
  return lines;
}

/** A code fence longer than any run of backticks inside the text. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** `2026-11-25 10:00 UTC` from an ISO time. */
function stamp(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** The title as a safe file name: letters and digits joined by dashes, at most 60. */
export function fileBaseOf(title: string): string {
  const base = title
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return base === '' ? 'conversation' : base;
}
