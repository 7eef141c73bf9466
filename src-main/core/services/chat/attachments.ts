import type { MessageAttachment } from '../../conversations/conversation-store';

// How a message's text files reach the model: inside the user message, after
// the text, each between two marker lines that name the file — so the model
// (and the privacy detector, which reads the same content) sees them whole.

export function attachmentBlock(file: MessageAttachment): string {
  return `--- attached file: ${file.name} ---\n${file.text}\n--- end of ${file.name} ---`;
}

/** The user message's content as the model reads it: the text, then each file. */
export function contentWithAttachments(
  text: string,
  attachments: readonly MessageAttachment[] = [],
): string {
  if (attachments.length === 0) return text;
  return [text, ...attachments.map(attachmentBlock)].join('\n\n');
}
