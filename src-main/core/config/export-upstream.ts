import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Pair } from 'yaml';

// A Homelane config as upstream reads it: the same YAML without the keys only
// Homelane understands (today, a provider model's `locality`). A key that
// sits on lines of its own is cut out with those lines, so every other byte
// stays as written; one that shares a line (a flow mapping, or the first key
// of a `- ` item) makes the document re-printed instead, comments and order
// kept and no line refolded.

/** Paths of Homelane-only keys, for people: `providers.models[2].locality`. */
export interface UpstreamExport {
  text: string;
  removed: string[];
}

/** The whole lines [start, end) a pair occupies, or undefined when it shares one. */
function ownLines(text: string, pair: Pair): [number, number] | undefined {
  const key = pair.key;
  const value = pair.value;
  if (!isScalar(key) || !key.range || (value !== null && !isScalar(value))) return undefined;
  const start = text.lastIndexOf('\n', key.range[0] - 1) + 1;
  if (text.slice(start, key.range[0]).trim() !== '') return undefined;
  const after = value?.range ? value.range[1] : key.range[1];
  const newline = text.indexOf('\n', after);
  const end = newline === -1 ? text.length : newline + 1;
  const rest = text.slice(after, end).trim();
  if (rest !== '' && !rest.startsWith('#')) return undefined;
  return [start, end];
}

export function exportForUpstream(text: string): UpstreamExport {
  const document = parseDocument(text, { keepSourceTokens: false });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    throw new Error(`the config is not valid YAML: ${first?.message ?? 'unknown error'}`);
  }
  const removed: string[] = [];
  const spans: ([number, number] | undefined)[] = [];
  const models = document.getIn(['providers', 'models']);
  if (isSeq(models)) {
    models.items.forEach((model, index) => {
      if (!isMap(model)) return;
      const pair = model.items.find((item) => isScalar(item.key) && item.key.value === 'locality');
      if (!pair) return;
      spans.push(ownLines(text, pair));
      model.delete('locality');
      removed.push(`providers.models[${index}].locality`);
    });
  }
  if (removed.length === 0) return { text, removed };
  if (spans.some((span) => span === undefined))
    return { text: document.toString({ lineWidth: 0 }), removed };
  let cut = text;
  for (const [start, end] of (spans as [number, number][]).sort((a, b) => b[0] - a[0]))
    cut = cut.slice(0, start) + cut.slice(end);
  return { text: cut, removed };
}
