import type { ChatMessage, ContentPart, RoutingRequest } from '../router/request';

// The texts every signal reads, computed once per request (reference §2.0).

/** Semantic signals see at most this many runes (code points). */
export const SEMANTIC_WINDOW_RUNES = 2048;
const HEAD_RUNES = 682;
const MIDDLE_RUNES = 682;
const TAIL_RUNES = 684;
export const SAMPLING_MARKER = '\n... [content sampled for routing signal evaluation] ...\n';

export interface TextViews {
  /** Text of the last user message with text (for a `text` request: the trimmed text). */
  currentUserText: string;
  /** Earlier user messages with text, most recent first. */
  priorUserTexts: string[];
  /** System, developer, assistant and tool texts, in order. */
  nonUserTexts: string[];
  /** Some assistant message carries text. */
  hasAssistantReply: boolean;
  /** What keyword and structure read: the current user text, else the non-user texts. */
  signalText: string;
  /** What the context estimate reads: non-user texts and the current user text. */
  contextText: string;
  /** What semantic signals read: `signalText`, sampled to 2048 runes. */
  semanticText: string;
}

/** The text of a message: a string, or its text parts joined by a space. */
export function messageText(message: ChatMessage): string {
  const { content } = message;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((part): part is ContentPart & { text: string } => isTextPart(part))
    .map((part) => part.text)
    .join(' ');
}

function isTextPart(part: ContentPart): boolean {
  return (
    part !== null &&
    typeof part === 'object' &&
    (part.type === 'text' || part.type === 'input_text') &&
    typeof part.text === 'string'
  );
}

/**
 * Long texts keep their head, middle and tail so that a semantic model sees
 * every part of the prompt at a bounded cost.
 */
export function sampleForSemantics(text: string): string {
  // A string of at most 2048 UTF-16 units has at most 2048 code points.
  if (text.length <= SEMANTIC_WINDOW_RUNES) return text;
  const runes = Array.from(text);
  if (runes.length <= SEMANTIC_WINDOW_RUNES) return text;
  const middleStart = Math.floor((runes.length - MIDDLE_RUNES) / 2);
  return (
    runes.slice(0, HEAD_RUNES).join('') +
    SAMPLING_MARKER +
    runes.slice(middleStart, middleStart + MIDDLE_RUNES).join('') +
    SAMPLING_MARKER +
    runes.slice(runes.length - TAIL_RUNES).join('')
  );
}

export function buildTextViews(request: RoutingRequest): TextViews {
  const messages = request.messages?.filter(Boolean) ?? [];
  let currentUserText = '';
  const priorUserTexts: string[] = [];
  const nonUserTexts: string[] = [];
  let hasAssistantReply = false;

  if (messages.length === 0) {
    currentUserText = (request.text ?? '').trim();
  } else {
    let currentIndex = -1;
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages[i];
      if (message?.role === 'user' && messageText(message).trim() !== '') {
        currentIndex = i;
        break;
      }
    }
    messages.forEach((message, index) => {
      const text = messageText(message);
      if (message.role === 'user') {
        if (index === currentIndex) currentUserText = text.trim();
        else if (index < currentIndex && text.trim() !== '') priorUserTexts.unshift(text.trim());
        return;
      }
      if (text.trim() === '') return;
      nonUserTexts.push(text);
      if (message.role === 'assistant') hasAssistantReply = true;
    });
    if (currentIndex === -1 && request.text) currentUserText = request.text.trim();
  }

  const signalText = currentUserText !== '' ? currentUserText : nonUserTexts.join(' ');
  const contextText = [...nonUserTexts, currentUserText].filter((t) => t !== '').join(' ');
  return {
    currentUserText,
    priorUserTexts,
    nonUserTexts,
    hasAssistantReply,
    signalText,
    contextText,
    semanticText: sampleForSemantics(signalText),
  };
}
