import type { KeyPath } from '../../config/diagnostics';
import type { Range } from '../syntax/tokens';

/**
 * Where each part of the compiled config came from in the DSL text, so a
 * problem the config checks find at `routing.decisions[3].rules` is
 * reported at the WHEN it was compiled from.
 */
export class SourceMap {
  private readonly ranges = new Map<string, Range>();

  set(path: KeyPath, range: Range): void {
    this.ranges.set(key(path), range);
  }

  /** The range of the path, else of its nearest mapped ancestor. */
  locate(path: KeyPath): Range | undefined {
    for (let length = path.length; length >= 0; length -= 1) {
      const range = this.ranges.get(key(path.slice(0, length)));
      if (range) return range;
    }
    return undefined;
  }
}

/** A cheap map key for a path (the map is private, so any unambiguous form will do). */
function key(path: KeyPath): string {
  return path.join('\u0000');
}
