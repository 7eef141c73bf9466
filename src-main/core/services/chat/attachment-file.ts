import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { MessageAttachment } from '../../conversations/conversation-store';

// Reads a text file to send with a message. Only text goes to a model: a
// file that is missing, binary (a NUL byte, or not UTF-8) or over 1 MB is
// refused with a clear message, and nothing is sent.

export const MAX_ATTACHMENT_BYTES = 1024 * 1024;

export type AttachmentErrorCode = 'missing' | 'not_a_file' | 'too_large' | 'binary' | 'unreadable';

export class AttachmentError extends Error {
  constructor(
    readonly code: AttachmentErrorCode,
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'AttachmentError';
  }
}

export function readAttachmentFile(file: string): MessageAttachment {
  let size: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) {
      throw new AttachmentError('not_a_file', file, `${file} is not a file; attach a text file.`);
    }
    size = stats.size;
  } catch (error) {
    if (error instanceof AttachmentError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AttachmentError('missing', file, `There is no file ${file}.`);
    }
    throw new AttachmentError(
      'unreadable',
      file,
      `${file} cannot be read: ${(error as Error).message}`,
    );
  }
  if (size > MAX_ATTACHMENT_BYTES) {
    throw new AttachmentError(
      'too_large',
      file,
      `${file} is ${size} bytes; an attachment is at most 1 MB (${MAX_ATTACHMENT_BYTES} bytes).`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new AttachmentError(
      'unreadable',
      file,
      `${file} cannot be read: ${(error as Error).message}`,
    );
  }
  const text = bytes.includes(0) ? undefined : decodeUtf8(bytes);
  if (text === undefined) {
    throw new AttachmentError(
      'binary',
      file,
      `${file} is not a text file (only UTF-8 text can be attached).`,
    );
  }
  return { name: basename(file), text: text.replace(/^\uFEFF/, '') };
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
