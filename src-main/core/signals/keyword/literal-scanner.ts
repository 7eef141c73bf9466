// An Aho–Corasick automaton over UTF-16 code units: every literal keyword
// of every rule is found in one left-to-right pass over the text, however
// many keywords there are.
//
// Code units are first mapped to small classes (0 = in no pattern, which
// always leads back to the root). Classes of ASCII code units get a dense,
// precomputed transition table, so English text costs one array read per
// character; other classes (CJK, accented letters) use sparse goto edges
// and failure links.

let scans = 0;

/** How many scans have run in this process; lets tests prove one pass per request. */
export function literalScanCount(): number {
  return scans;
}

/**
 * Called for an occurrence of `pattern` at [start, end) of the scanned text.
 * Returns whether the occurrence counts; once one does, the pattern is not
 * reported again during that scan.
 */
export type OccurrenceVisitor = (pattern: number, start: number, end: number) => boolean;

interface ScanState {
  visit: OccurrenceVisitor;
  accepted: Uint8Array;
  remaining: number;
}

export class LiteralScanner {
  readonly patternCount: number;
  private readonly classOf = new Uint16Array(0x10000);
  /** Number of dense (ASCII) classes, counting class 0. */
  private readonly width: number;
  private readonly classCount: number;
  /**
   * Dense transitions: entry `state * width + cls` holds the next state,
   * bit-inverted when a pattern ends there (one read per character tells
   * both). Column 0 (code units in no pattern) leads to the root.
   */
  private readonly table: Int32Array;
  private readonly sparse = new Map<number, number>();
  /** Encoded root transitions for every class (the common target of non-ASCII steps). */
  private readonly rootRow: Int32Array;
  /** Nearest state on the failure chain (itself included) with a non-ASCII edge; 0 if none. */
  private readonly wideFail: Int32Array;
  private readonly fail: Int32Array;
  /** Nearest state on the failure chain (itself included) that ends a pattern, or -1. */
  private readonly outLink: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outPatterns: Int32Array;
  private readonly lengths: Int32Array;
  /** Per pattern: accepted during the current scan (reused: typed arrays are costly to allocate). */
  private readonly accepted: Uint8Array;

  /**
   * @param patterns non-empty strings, matched exactly (fold them first).
   * @param aliases code unit → code unit that should match like it (ſ → s).
   */
  constructor(patterns: readonly string[], aliases: ReadonlyMap<number, number> = new Map()) {
    this.patternCount = patterns.length;
    this.lengths = Int32Array.from(patterns, (p) => p.length);
    this.accepted = new Uint8Array(patterns.length);

    // Classes: ASCII code units first so that they form the dense range.
    const units = new Set<number>();
    for (const pattern of patterns) {
      if (pattern === '') throw new Error('LiteralScanner patterns must not be empty');
      for (let i = 0; i < pattern.length; i++) units.add(pattern.charCodeAt(i));
    }
    const sorted = [...units].sort((a, b) => a - b);
    let next = 1;
    for (const unit of sorted) if (unit < 0x80) this.classOf[unit] = next++;
    this.width = next;
    for (const unit of sorted) if (unit >= 0x80) this.classOf[unit] = next++;
    this.classCount = next;
    for (const [from, to] of aliases) {
      if (from < 0x10000 && to < 0x10000 && this.classOf[to] !== 0 && this.classOf[from] === 0) {
        this.classOf[from] = this.classOf[to] ?? 0;
      }
    }

    // Trie.
    const children: Array<Array<[number, number]>> = [[]];
    const own: number[][] = [[]];
    patterns.forEach((pattern, id) => {
      let state = 0;
      for (let i = 0; i < pattern.length; i++) {
        const cls = this.classOf[pattern.charCodeAt(i)] ?? 0;
        const key = state * this.classCount + cls;
        let child = this.sparse.get(key);
        if (child === undefined) {
          child = children.length;
          children.push([]);
          own.push([]);
          this.sparse.set(key, child);
          children[state]?.push([cls, child]);
        }
        state = child;
      }
      own[state]?.push(id);
    });

    // Failure links, output links and dense transitions, breadth first.
    const stateCount = children.length;
    const width = this.width;
    const dense = new Int32Array(stateCount * width);
    this.fail = new Int32Array(stateCount);
    this.outLink = new Int32Array(stateCount).fill(-1);
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] ?? 0;
      const failState = this.fail[state] ?? 0;
      for (let cls = 1; cls < width; cls++) {
        const child = this.sparse.get(state * this.classCount + cls);
        dense[state * width + cls] =
          child ?? (state === 0 ? 0 : (dense[failState * width + cls] ?? 0));
      }
      if (state !== 0) {
        this.outLink[state] =
          (own[state]?.length ?? 0) > 0 ? state : (this.outLink[failState] ?? -1);
      }
      for (const [cls, child] of children[state] ?? []) {
        this.fail[child] = state === 0 ? 0 : this.sparseStep(failState, cls, dense);
        queue.push(child);
      }
    }
    this.table = dense.map((state) => this.encode(state));
    this.rootRow = new Int32Array(this.classCount);
    for (const [cls, child] of children[0] ?? []) this.rootRow[cls] = this.encode(child);
    this.wideFail = new Int32Array(stateCount);
    for (const state of queue) {
      const wide = (children[state] ?? []).some(([cls]) => cls >= width);
      this.wideFail[state] =
        state === 0 || wide ? state : (this.wideFail[this.fail[state] ?? 0] ?? 0);
    }

    this.outStart = new Int32Array(stateCount + 1);
    const flat: number[] = [];
    for (let state = 0; state < stateCount; state++) {
      this.outStart[state] = flat.length;
      flat.push(...(own[state] ?? []));
    }
    this.outStart[stateCount] = flat.length;
    this.outPatterns = Int32Array.from(flat);
  }

  private encode(state: number): number {
    return this.outLink[state] === -1 ? state : ~state;
  }

  /** The transition for any class, by goto edges and failure links (dense classes via `dense`). */
  private sparseStep(state: number, cls: number, dense: Int32Array): number {
    if (cls < this.width) return dense[state * this.width + cls] ?? 0;
    let current = state;
    for (;;) {
      const child = this.sparse.get(current * this.classCount + cls);
      if (child !== undefined) return child;
      if (current === 0) return 0;
      current = this.fail[current] ?? 0;
    }
  }

  /**
   * A non-ASCII class from `state`: the goto edge of the nearest state on
   * the failure chain that has one, visiting only states with such edges.
   */
  private slowStep(state: number, cls: number): number {
    const { wideFail, fail, sparse, classCount } = this;
    for (let current = wideFail[state] ?? 0; current !== 0;) {
      const child = sparse.get(current * classCount + cls);
      if (child !== undefined) return this.encode(child);
      current = wideFail[fail[current] ?? 0] ?? 0;
    }
    return this.rootRow[cls] ?? 0;
  }

  /** Reports the patterns ending at `end` in `state`; true once every pattern is accepted. */
  private emit(state: number, end: number, scan: ScanState): boolean {
    const { outLink, outStart, outPatterns, fail, lengths } = this;
    for (let out = outLink[state] ?? -1; out !== -1; out = outLink[fail[out] ?? 0] ?? -1) {
      const last = outStart[out + 1] ?? 0;
      for (let k = outStart[out] ?? 0; k < last; k++) {
        const pattern = outPatterns[k] ?? 0;
        if (scan.accepted[pattern] === 1) continue;
        if (scan.visit(pattern, end - (lengths[pattern] ?? 0), end)) {
          scan.accepted[pattern] = 1;
          if (--scan.remaining === 0) return true;
        }
      }
    }
    return false;
  }

  /**
   * One pass over `text`; `visit` sees occurrences of patterns not yet
   * accepted. Not re-entrant: `visit` must not start another scan.
   */
  scan(text: string, visit: OccurrenceVisitor): void {
    scans += 1;
    if (this.patternCount === 0) return;
    this.accepted.fill(0);
    const state: ScanState = { visit, accepted: this.accepted, remaining: this.patternCount };
    const { classOf, table, width } = this;
    let current = 0;
    for (let i = 0; i < text.length; i++) {
      const cls = classOf[text.charCodeAt(i)] ?? 0;
      let next = cls < width ? (table[current * width + cls] ?? 0) : this.slowStep(current, cls);
      if (next < 0) {
        next = ~next;
        if (this.emit(next, i + 1, state)) return;
      }
      current = next;
    }
  }
}
