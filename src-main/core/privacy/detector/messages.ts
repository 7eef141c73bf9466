import { detectSensitive } from './detect';
import { words } from './scan';
import type { DetectOptions, Finding } from './types';

// Scans every text of a chat request: string content, text parts, tool-call
// arguments, tool results and system prompts, in OpenAI or Anthropic shape.
// Each finding names the message (index and role) and the path of the text
// it was found in, and its span is relative to that text.

export interface ScannableMessage {
  role: string;
  content: unknown;
  [key: string]: unknown;
}

export interface MessageFinding extends Finding {
  messageIndex: number;
  role: string;
  /**
   * Where in the message the text sits, dot-separated: `content`,
   * `content.2.text`, `tool_calls.0.function.arguments`, `content.1.content.0.text`.
   */
  path: string;
}

/** Message fields holding text besides `content`. */
const TEXT_FIELDS = ['tool_calls', 'function_call', 'reasoning_content', 'refusal'];
/** Keys whose values are identifiers or opaque blobs, never user text. */
const SKIPPED_KEYS = new Set(
  words(
    'type id role name tool_call_id tool_use_id media_type mime_type cache_control ' +
      'signature detail index',
  ),
);
const MAX_DEPTH = 32;

function isInlineData(text: string): boolean {
  return text.startsWith('data:') && text.slice(0, 100).includes(';base64,');
}

function collectTexts(
  value: unknown,
  path: string,
  depth: number,
  visit: (text: string, path: string) => void,
): void {
  if (depth > MAX_DEPTH || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (value.length > 0 && !isInlineData(value)) visit(value, path);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectTexts(item, `${path}.${index}`, depth + 1, visit));
    return;
  }
  if (typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  // An inline image or document ({ type: 'base64', data }) carries no text to scan.
  if (record['type'] === 'base64') return;
  for (const [key, child] of Object.entries(record)) {
    if (SKIPPED_KEYS.has(key)) continue;
    collectTexts(child, `${path}.${key}`, depth + 1, visit);
  }
}

/** Where a text of a request sits. */
export interface TextPlace {
  messageIndex: number;
  role: string;
  path: string;
}

/** Every text of every message, in order: what Homelane's privacy checks read. */
export function forEachMessageText(
  messages: readonly ScannableMessage[],
  visit: (text: string, place: TextPlace) => void,
): void {
  messages.forEach((message, messageIndex) => {
    if (message === null || typeof message !== 'object') return;
    const role = typeof message.role === 'string' ? message.role : '';
    const at = (text: string, path: string) => visit(text, { messageIndex, role, path });
    collectTexts(message.content, 'content', 0, at);
    for (const field of TEXT_FIELDS) collectTexts(message[field], field, 0, at);
  });
}

/**
 * PII and secrets in every message of a request, ordered by message, then by
 * where the text sits in the message, then by start.
 */
export function detectInMessages(
  messages: readonly ScannableMessage[],
  options: DetectOptions = {},
): MessageFinding[] {
  // Checks the requested types even when there is no text to scan.
  detectSensitive('', options);
  const results: MessageFinding[] = [];
  forEachMessageText(messages, (text, place) => {
    for (const finding of detectSensitive(text, options)) results.push({ ...finding, ...place });
  });
  return results;
}
