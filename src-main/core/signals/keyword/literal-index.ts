import { FOLD_EXTRAS, foldKeyword, lowerAligned } from './case-fold';
import { LiteralScanner, type OccurrenceVisitor } from './literal-scanner';
import { isWordBoundary, literalNeedsBoundaries } from './word-boundary';

// Every literal keyword of every rule, compiled into at most two automata
// (case-insensitive and case-sensitive). A request folds its text once and
// scans once per automaton; a hit counts when the keyword needs no word
// boundaries or RE2's ASCII `\b` holds at both ends in the original text.

export interface LiteralKeyword {
  keyword: string;
  caseSensitive: boolean;
}

/** Where a slot's hit comes from. */
const ALWAYS = 0;
const CI = 1;
const CS = 2;

interface PatternEntry {
  id: number;
  text: string;
  bounded: boolean;
}

/** One automaton and the boundary needs of its patterns. */
class PatternGroup {
  private readonly scanner: LiteralScanner;
  /** Per pattern: whether it needs `\b` at both ends. */
  private readonly bounded: Uint8Array;
  /** The text being scanned, unfolded: set for the duration of `run`. */
  private original = '';
  /** Hits of the last run (reused: typed arrays are costly to allocate). */
  private readonly hits: Uint8Array;

  constructor(entries: readonly PatternEntry[], fold: boolean) {
    this.scanner = new LiteralScanner(
      entries.map((e) => e.text),
      fold ? FOLD_EXTRAS : new Map(),
    );
    this.bounded = Uint8Array.from(entries, (e) => (e.bounded ? 1 : 0));
    this.hits = new Uint8Array(entries.length);
  }

  /** Created once, so a scan allocates no closure. */
  private readonly visit: OccurrenceVisitor = (pattern, start, end) => {
    const original = this.original;
    if (
      this.bounded[pattern] === 1 &&
      !(isWordBoundary(original, start) && isWordBoundary(original, end))
    ) {
      return false;
    }
    this.hits[pattern] = 1;
    return true;
  };

  /**
   * Hits per pattern in `haystack` (the folded or raw text), boundaries
   * checked in `original`. The array is reused by the next run.
   */
  run(haystack: string, original: string): Uint8Array {
    this.hits.fill(0);
    this.original = original;
    this.scanner.scan(haystack, this.visit);
    this.original = '';
    return this.hits;
  }
}

export class LiteralIndex {
  /** Per slot: ALWAYS, CI or CS. */
  private readonly slotGroup: Uint8Array;
  /** Per slot: the pattern in its group. */
  private readonly slotPattern: Int32Array;
  private readonly slotHits: Uint8Array;
  private readonly ci: PatternGroup | undefined;
  private readonly cs: PatternGroup | undefined;

  /** Slot i of `match`'s result answers `keywords[i]`. */
  constructor(keywords: readonly LiteralKeyword[]) {
    const ciPatterns = new Map<string, PatternEntry>();
    const csPatterns = new Map<string, PatternEntry>();
    this.slotGroup = new Uint8Array(keywords.length);
    this.slotPattern = new Int32Array(keywords.length);
    this.slotHits = new Uint8Array(keywords.length);
    keywords.forEach(({ keyword, caseSensitive }, slot) => {
      // An empty keyword compiles to a regex matching the empty string: upstream counts a hit.
      if (keyword === '') return;
      const bounded = literalNeedsBoundaries(keyword);
      const text = caseSensitive ? keyword : foldKeyword(keyword);
      const patterns = caseSensitive ? csPatterns : ciPatterns;
      const key = `${bounded ? 'b' : 'r'}${text}`;
      let entry = patterns.get(key);
      if (entry === undefined) {
        entry = { id: patterns.size, text, bounded };
        patterns.set(key, entry);
      }
      this.slotGroup[slot] = caseSensitive ? CS : CI;
      this.slotPattern[slot] = entry.id;
    });
    this.ci = ciPatterns.size > 0 ? new PatternGroup([...ciPatterns.values()], true) : undefined;
    this.cs = csPatterns.size > 0 ? new PatternGroup([...csPatterns.values()], false) : undefined;
  }

  /**
   * Which keywords occur in `text` (1 = hit), in constructor order. The
   * array is reused by the next call: read it before matching again.
   */
  match(text: string): Uint8Array {
    const ciHits = this.ci?.run(lowerAligned(text), text);
    const csHits = this.cs?.run(text, text);
    const { slotGroup, slotPattern } = this;
    const hits = this.slotHits;
    for (let slot = 0; slot < hits.length; slot++) {
      const group = slotGroup[slot];
      const pattern = slotPattern[slot] ?? 0;
      if (group === ALWAYS) hits[slot] = 1;
      else hits[slot] = (group === CI ? ciHits?.[pattern] : csHits?.[pattern]) ?? 0;
    }
    return hits;
  }
}
