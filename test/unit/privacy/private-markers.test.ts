import { describe, expect, it } from 'vitest';
import { findPrivateMarkers } from '../../../src-main/core/privacy/private-markers';

describe('private-context phrases', () => {
  it('finds them case-insensitively, as whole words, with their spans', () => {
    const text = 'Summarise this memo. It is INTERNAL ONLY; please keep this local.';
    const hits = findPrivateMarkers(text);
    expect(hits.map((hit) => [hit.category, text.slice(hit.start, hit.end)])).toEqual([
      ['internal_document', 'INTERNAL ONLY'],
      ['local_only', 'keep this local'],
    ]);
  });

  it('reads Chinese phrases without word boundaries', () => {
    const hits = findPrivateMarkers('这是公司机密，请只在本地处理。');
    expect(hits.map((hit) => hit.category)).toEqual([
      'internal_document',
      'local_only',
      'local_only',
    ]);
  });

  it('leaves ordinary uses of the same words alone', () => {
    for (const text of [
      'How does an internal combustion engine work?',
      'Explain the difference between internal and external validity.',
      'What is a confidential interval? I think I mean confidence interval.',
      'Should I keep this locale setting?',
      'The internal-onlyness of the API is documented.',
    ]) {
      expect(findPrivateMarkers(text), text).toEqual([]);
    }
  });
});
