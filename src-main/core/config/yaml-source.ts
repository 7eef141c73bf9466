import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { Diagnostic, KeyPath } from './diagnostics';

/** A parsed YAML document that can say where any key path sits in the text. */
export interface YamlSource {
  file: string;
  value: unknown;
  /** Syntax problems; when non-empty, `value` is not to be trusted. */
  errors: Diagnostic[];
  locate(path: KeyPath): { line: number; column: number } | undefined;
}

// A YAML file's aliases can expand exponentially ("billion laughs"); refuse
// documents that need more than this many alias expansions.
const MAX_ALIAS_COUNT = 1000;

export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const errors: Diagnostic[] = doc.errors.map((error) => ({
    severity: 'error',
    code: 'yaml_syntax',
    message: error.message.split('\n')[0] ?? error.message,
    file,
    path: '(document)',
    ...position(error.pos[0]),
  }));
  let value: unknown = undefined;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      errors.push({
        severity: 'error',
        code: 'yaml_syntax',
        message: error instanceof Error ? error.message : String(error),
        file,
        path: '(document)',
        line: 1,
        column: 1,
      });
    }
  }
  return {
    file,
    value,
    errors,
    locate: (path) => {
      const offset = offsetOf(doc.contents as Node | null, path);
      return offset === undefined ? undefined : position(offset);
    },
  };
}

/**
 * The text offset of a key path: the key itself for a mapping entry, the item
 * for a sequence index. A path that leaves the document resolves to its
 * deepest existing ancestor, so every diagnostic has a place.
 */
function offsetOf(root: Node | null, path: KeyPath): number | undefined {
  let node: unknown = root;
  let offset = rangeStart(root);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      offset = rangeStart(pair.key as Node) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item as Node) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}
