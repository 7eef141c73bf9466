import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../../src-renderer/src/pages/policy/diff-lines';

// The policy editor's diff view: a unified diff read into lines with their
// kind and their numbers in the text in force and in the edit.

const DIFF = [
  '--- a/active.yaml',
  '+++ b/edited.yaml',
  '@@ -3,4 +3,4 @@',
  ' routing:',
  '   decisions:',
  '-    - name: fast',
  '+    - name: quick',
  '       priority: 10',
  '@@ -20 +20,2 @@',
  '--- a document marker, removed',
  '+--- a document marker, kept',
  '+extra',
  '\\ No newline at end of file',
  '',
].join('\n');

describe('parseUnifiedDiff', () => {
  const lines = parseUnifiedDiff(DIFF);

  it('reads headers, hunks, context, removed and added lines in order', () => {
    expect(lines.map((line) => line.kind)).toEqual([
      'file',
      'file',
      'hunk',
      'context',
      'context',
      'removed',
      'added',
      'context',
      'hunk',
      'removed',
      'added',
      'added',
      'note',
    ]);
  });

  it('numbers lines in the old and the new text from each hunk header', () => {
    const numbers = lines.map((line) => [line.oldLine, line.newLine]);
    expect(numbers.slice(3, 8)).toEqual([
      [3, 3],
      [4, 4],
      [5, null],
      [null, 5],
      [6, 6],
    ]);
    // A one-line hunk (`-20` without a count) and a removed line that looks like a header.
    expect(numbers.slice(9, 12)).toEqual([
      [20, null],
      [null, 20],
      [null, 21],
    ]);
  });

  it('reads an empty diff as no lines', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
  });
});
