// A unified diff (as `policy.diff` writes it) as lines to show, each with its
// kind and its line numbers in the old and the new text.

export type DiffLineKind = 'file' | 'hunk' | 'added' | 'removed' | 'context' | 'note';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
  /** 1-based line in the text in force; null where the line is not in it. */
  oldLine: number | null;
  /** 1-based line in the edited text; null where the line is not in it. */
  newLine: number | null;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export function parseUnifiedDiff(unified: string): DiffLine[] {
  const lines: DiffLine[] = [];
  let oldAt = 0;
  let newAt = 0;
  // Lines the current hunk still holds, counted from its header.
  let oldLeft = 0;
  let newLeft = 0;
  const body = unified.endsWith('\n') ? unified.slice(0, -1) : unified;
  if (body === '') return lines;
  for (const text of body.split('\n')) {
    const hunk = oldLeft + newLeft === 0 ? HUNK.exec(text) : null;
    if (hunk) {
      oldAt = Number(hunk[1]);
      oldLeft = Number(hunk[2] ?? '1');
      newAt = Number(hunk[3]);
      newLeft = Number(hunk[4] ?? '1');
      lines.push({ kind: 'hunk', text, oldLine: null, newLine: null });
    } else if (text.startsWith('\\')) {
      lines.push({ kind: 'note', text, oldLine: null, newLine: null });
    } else if (oldLeft + newLeft === 0) {
      // Outside a hunk: the file headers.
      lines.push({ kind: 'file', text, oldLine: null, newLine: null });
    } else if (text.startsWith('+')) {
      newLeft--;
      lines.push({ kind: 'added', text, oldLine: null, newLine: newAt++ });
    } else if (text.startsWith('-')) {
      oldLeft--;
      lines.push({ kind: 'removed', text, oldLine: oldAt++, newLine: null });
    } else {
      oldLeft--;
      newLeft--;
      lines.push({ kind: 'context', text, oldLine: oldAt++, newLine: newAt++ });
    }
  }
  return lines;
}
