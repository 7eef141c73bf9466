import { describe, expect, it } from 'vitest';
import {
  diffLines,
  splitLines,
  unifiedDiff,
} from '../../../../src-main/core/services/policy-edit/line-diff';

const names = { from: 'a/active.yaml', to: 'b/edited.yaml' };

/** Applies a diff's ops back: the kept and added lines must rebuild `after`. */
function rebuild(ops: ReturnType<typeof diffLines>): { before: string; after: string } {
  return {
    before: ops
      .filter((op) => op.kind !== 'added')
      .map((op) => op.line)
      .join(''),
    after: ops
      .filter((op) => op.kind !== 'removed')
      .map((op) => op.line)
      .join(''),
  };
}

describe('the line diff', () => {
  it('splits lines keeping their endings', () => {
    expect(splitLines('a\nb\n')).toEqual(['a\n', 'b\n']);
    expect(splitLines('a\nb')).toEqual(['a\n', 'b']);
    expect(splitLines('')).toEqual([]);
  });

  it('finds a shortest edit: one line changed in the middle', () => {
    const ops = diffLines(splitLines('a\nb\nc\n'), splitLines('a\nB\nc\n'));
    expect(ops).toEqual([
      { kind: 'same', line: 'a\n' },
      { kind: 'removed', line: 'b\n' },
      { kind: 'added', line: 'B\n' },
      { kind: 'same', line: 'c\n' },
    ]);
  });

  it("rebuilds both sides of a scrambled edit, changing no more lines than Myers' classic example needs", () => {
    const before = splitLines('A\nB\nC\nA\nB\nB\nA\n');
    const after = splitLines('C\nB\nA\nB\nA\nC\n');
    const ops = diffLines(before, after);
    expect(rebuild(ops)).toEqual({ before: before.join(''), after: after.join('') });
    // The classic example (ABCABBA → CBABAC) has an edit distance of 5.
    expect(ops.filter((op) => op.kind !== 'same')).toHaveLength(5);
  });

  it('rebuilds both sides of random edits', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 50; round++) {
      const before = Array.from({ length: Math.floor(random() * 30) }, () =>
        String.fromCharCode(97 + Math.floor(random() * 4)).concat('\n'),
      );
      const after = before
        .filter(() => random() > 0.2)
        .flatMap((line) => (random() > 0.8 ? [line, 'new\n'] : [line]));
      const ops = diffLines(before, after);
      expect(rebuild(ops)).toEqual({ before: before.join(''), after: after.join('') });
    }
  });
});

describe('the unified diff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', names)).toEqual({ text: '', added: 0, removed: 0 });
  });

  it('prints hunks with three lines of context, as diff -u does', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}\n`).join('');
    const after = before.replace('line 5\n', 'line five\n').replace('line 18\n', '');
    const diff = unifiedDiff(before, after, names);
    expect(diff.added).toBe(1);
    expect(diff.removed).toBe(2);
    expect(diff.text).toBe(
      [
        '--- a/active.yaml',
        '+++ b/edited.yaml',
        '@@ -2,7 +2,7 @@',
        ' line 2',
        ' line 3',
        ' line 4',
        '-line 5',
        '+line five',
        ' line 6',
        ' line 7',
        ' line 8',
        '@@ -15,6 +15,5 @@',
        ' line 15',
        ' line 16',
        ' line 17',
        '-line 18',
        ' line 19',
        ' line 20',
        '',
      ].join('\n'),
    );
  });

  it('merges changes closer than twice the context into one hunk', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\n';
    const diff = unifiedDiff(before, before.replace('b\n', 'B\n').replace('f\n', 'F\n'), names);
    expect(diff.text.match(/^@@/gm)).toHaveLength(1);
    expect(diff.text).toContain('@@ -1,7 +1,7 @@');
  });

  it('marks a missing final newline and counts lines added to an empty text', () => {
    const diff = unifiedDiff('a\n', 'a\nb', names);
    expect(diff.text).toBe(
      '--- a/active.yaml\n+++ b/edited.yaml\n@@ -1 +1,2 @@\n a\n+b\n\\ No newline at end of file\n',
    );
    expect(unifiedDiff('', 'x\n', names).text).toContain('@@ -0,0 +1 @@\n+x\n');
  });
});
