// A line diff (Myers' O(ND) algorithm on the lines between the common head
// and tail) and its unified form, as `diff -u` and git print it. Lines are
// compared with their line ending, so a missing final newline is a change.

export type DiffOp = { kind: 'same' | 'removed' | 'added'; line: string };

/** Beyond this many changed lines the middle is reported as replaced whole. */
const MAX_EDIT_DISTANCE = 2000;

/** Splits text into lines that keep their `\n`; the last may lack one. */
export function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

export function diffLines(before: readonly string[], after: readonly string[]): DiffOp[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++;
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  const same = (lines: readonly string[]) => lines.map((line): DiffOp => ({ kind: 'same', line }));
  return [
    ...same(before.slice(0, head)),
    ...myers(a, b),
    ...same(before.slice(before.length - tail)),
  ];
}

function myers(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  if (max === 0) return [];
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, MAX_EDIT_DISTANCE); d++) {
    trace.push(v.slice(offset - d, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, d);
    }
  }
  return [
    ...a.map((line): DiffOp => ({ kind: 'removed', line })),
    ...b.map((line): DiffOp => ({ kind: 'added', line })),
  ];
}

/** Walks the saved frontiers back from the end; `trace[d]` holds v[-d..d+1] before step d. */
function backtrack(
  trace: readonly Int32Array[],
  a: readonly string[],
  b: readonly string[],
  last: number,
): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = last; d > 0; d--) {
    const saved = trace[d] ?? new Int32Array(0);
    const at = (k: number) => saved[k + d] ?? 0;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX + (down ? 0 : 1) && y > prevY + (down ? 1 : 0)) {
      ops.push({ kind: 'same', line: a[x - 1] ?? '' });
      x--;
      y--;
    }
    if (down) ops.push({ kind: 'added', line: b[prevY] ?? '' });
    else ops.push({ kind: 'removed', line: a[prevX] ?? '' });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: 'same', line: a[x - 1] ?? '' });
    x--;
    y--;
  }
  return ops.reverse();
}

export interface UnifiedDiff {
  /** Empty when the texts are equal. */
  text: string;
  added: number;
  removed: number;
}

export function unifiedDiff(
  before: string,
  after: string,
  names: { from: string; to: string },
  context = 3,
): UnifiedDiff {
  const ops = diffLines(splitLines(before), splitLines(after));
  const added = ops.filter((op) => op.kind === 'added').length;
  const removed = ops.filter((op) => op.kind === 'removed').length;
  if (added === 0 && removed === 0) return { text: '', added, removed };
  let out = `--- ${names.from}\n+++ ${names.to}\n`;
  for (const hunk of hunksOf(ops, context)) out += printHunk(ops, hunk);
  return { text: out, added, removed };
}

interface Hunk {
  start: number;
  end: number;
}

/** Ranges of ops around the changes, `context` same lines either side, merged when close. */
function hunksOf(ops: readonly DiffOp[], context: number): Hunk[] {
  const hunks: Hunk[] = [];
  ops.forEach((op, index) => {
    if (op.kind === 'same') return;
    const start = Math.max(0, index - context);
    const end = Math.min(ops.length, index + context + 1);
    const last = hunks[hunks.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else hunks.push({ start, end });
  });
  return hunks;
}

function printHunk(ops: readonly DiffOp[], hunk: Hunk): string {
  let oldLine = 1;
  let newLine = 1;
  for (const op of ops.slice(0, hunk.start)) {
    if (op.kind !== 'added') oldLine++;
    if (op.kind !== 'removed') newLine++;
  }
  const body = ops.slice(hunk.start, hunk.end);
  const oldCount = body.filter((op) => op.kind !== 'added').length;
  const newCount = body.filter((op) => op.kind !== 'removed').length;
  let out = `@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@\n`;
  for (const op of body) {
    const mark = op.kind === 'same' ? ' ' : op.kind === 'added' ? '+' : '-';
    out += op.line.endsWith('\n')
      ? `${mark}${op.line}`
      : `${mark}${op.line}\n\\ No newline at end of file\n`;
  }
  return out;
}

/** `start,count`; an empty side starts at the line before it; a count of 1 is left out. */
function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}
