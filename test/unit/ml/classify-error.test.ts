import { describe, expect, it } from 'vitest';
import {
  classifyDownloadError,
  errorCode,
} from '../../../src-main/core/ml/download/classify-error';
import { ModelDownloadError } from '../../../src-main/core/ml/download/download-error';

// A full disk is hard to provoke in a test, so the ENOSPC mapping is checked
// here on the classifier itself; the pulls in pull-model.test.ts exercise the
// network codes for real.

const context = { endpoint: 'https://hub.example', file: 'onnx/model.onnx' };
const errno = (code: string, message = code) =>
  Object.assign(new Error(message), { code }) as NodeJS.ErrnoException;

const classified = (error: unknown) => {
  const result = classifyDownloadError(error, context);
  expect(result).toBeInstanceOf(ModelDownloadError);
  return result as ModelDownloadError;
};

describe('classifyDownloadError', () => {
  it('maps ENOSPC and EDQUOT from a write to disk_full', () => {
    const full = classified(errno('ENOSPC', 'ENOSPC: no space left on device, write'));
    expect(full.code).toBe('disk_full');
    expect(full.message).toMatch(/disk is full while writing onnx\/model\.onnx/);
    expect(full.file).toBe('onnx/model.onnx');
    expect(classified(errno('EDQUOT')).code).toBe('disk_full');
  });

  it('maps fetch failures with a socket cause to offline, naming the endpoint and HF_ENDPOINT', () => {
    const refused = new TypeError('fetch failed', { cause: errno('ECONNREFUSED') });
    const error = classified(refused);
    expect(error.code).toBe('offline');
    expect(error.message).toContain('https://hub.example');
    expect(error.message).toContain('HF_ENDPOINT');
    for (const code of ['ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'UND_ERR_SOCKET'])
      expect(classified(new TypeError('fetch failed', { cause: errno(code) })).code).toBe(
        'offline',
      );
    expect(classified(new TypeError('terminated')).code).toBe('offline');
  });

  it('maps an abort to aborted and passes ModelDownloadErrors through', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    expect(classified(abort).code).toBe('aborted');
    const original = new ModelDownloadError('not_found', 'gone');
    expect(classifyDownloadError(original, context)).toBe(original);
  });

  it('leaves other errors alone (they are bugs, not conditions)', () => {
    const bug = new RangeError('index out of range');
    expect(classifyDownloadError(bug, context)).toBe(bug);
    expect(classifyDownloadError(errno('EACCES'), context)).toBeInstanceOf(Error);
    expect(classifyDownloadError(errno('EACCES'), context)).not.toBeInstanceOf(ModelDownloadError);
  });

  it('finds the errno code along the cause chain', () => {
    const nested = new Error('outer', {
      cause: new Error('middle', { cause: errno('ENOTFOUND') }),
    });
    expect(errorCode(nested)).toBe('ENOTFOUND');
    expect(errorCode('text')).toBeUndefined();
  });
});
