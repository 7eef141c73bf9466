import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AttachmentError,
  MAX_ATTACHMENT_BYTES,
  readAttachmentFile,
} from '../../../src-main/core/services/chat/attachment-file';
import { contentWithAttachments } from '../../../src-main/core/services/chat/attachments';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.cleanup());

function refusal(file: string): AttachmentError {
  try {
    readAttachmentFile(file);
  } catch (error) {
    if (error instanceof AttachmentError) return error;
    throw error;
  }
  throw new Error(`${file} was accepted`);
}

describe('attachment files', () => {
  it('reads a UTF-8 text file by its name, without a byte-order mark', () => {
    const file = join(temp.dir, 'notes.md');
    writeFileSync(file, '\uFEFF# Café\nline two\n');
    expect(readAttachmentFile(file)).toEqual({ name: 'notes.md', text: '# Café\nline two\n' });
  });

  it('accepts exactly 1 MB and refuses one byte more', () => {
    const file = join(temp.dir, 'big.txt');
    writeFileSync(file, 'a'.repeat(MAX_ATTACHMENT_BYTES));
    expect(readAttachmentFile(file).text).toHaveLength(MAX_ATTACHMENT_BYTES);
    writeFileSync(file, 'a'.repeat(MAX_ATTACHMENT_BYTES + 1));
    const error = refusal(file);
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('at most 1 MB');
  });

  it('refuses a missing file, a folder and binary content, each with its own code', () => {
    expect(refusal(join(temp.dir, 'nope.txt'))).toMatchObject({ code: 'missing' });
    mkdirSync(join(temp.dir, 'folder'));
    expect(refusal(join(temp.dir, 'folder'))).toMatchObject({ code: 'not_a_file' });
    const withNul = join(temp.dir, 'image.png');
    writeFileSync(withNul, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    expect(refusal(withNul)).toMatchObject({ code: 'binary' });
    const latin1 = join(temp.dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect(refusal(latin1).message).toContain('not a text file');
  });

  it('puts each file after the text between lines that name it', () => {
    expect(contentWithAttachments('Hi', [])).toBe('Hi');
    expect(
      contentWithAttachments('Compare', [
        { name: 'a.txt', text: 'one' },
        { name: 'b.txt', text: 'two' },
      ]),
    ).toBe(
      'Compare\n\n--- attached file: a.txt ---\none\n--- end of a.txt ---\n\n' +
        '--- attached file: b.txt ---\ntwo\n--- end of b.txt ---',
    );
  });
});
