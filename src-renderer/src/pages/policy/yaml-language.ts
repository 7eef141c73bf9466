import { HighlightStyle, StreamLanguage } from '@codemirror/language';
import type { StringStream } from '@codemirror/language';
import { tags } from '@lezer/highlight';

// Enough YAML highlighting to read a config: comments, keys, quoted strings,
// numbers and booleans, anchors and tags, and block scalars (`|`, `>`) whose
// indented lines are one string. Line by line; the only state is the block
// scalar being read and the indentation of the line that opened it.

export interface YamlTokenState {
  /** The indentation of the key that opened a block scalar; null outside one. */
  block: number | null;
  /** The indentation of the current line. */
  indent: number;
  /** Whether this line still expects a key (nothing but `- ` read so far). */
  atKey: boolean;
}

const KEY = /^(?:"[^"]*"|'[^']*'|[^\s#'"{}[\],&*!|>][^#:]*?)(?=\s*:(?:\s|$))/;
const NUMBER = /^[-+]?(?:\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?|\.inf|\.nan)(?=\s*(?:#|,|]|}|$))/;
const ATOM = /^(?:true|false|null|~|yes|no|on|off)(?=\s*(?:#|,|]|}|$))/i;

export function yamlToken(stream: StringStream, state: YamlTokenState): string | null {
  if (stream.sol()) {
    state.indent = stream.indentation();
    state.atKey = true;
    if (state.block !== null) {
      const blank = stream.match(/^\s*$/, false);
      if (blank || state.indent > state.block) {
        stream.skipToEnd();
        return 'string';
      }
      state.block = null;
    }
  }
  if (stream.eatSpace()) return null;
  const next = stream.peek();
  if (next === '#') {
    stream.skipToEnd();
    return 'lineComment';
  }
  if (state.atKey && stream.match(/^-(?=\s|$)/)) return 'punctuation';
  if (stream.match(/^(?:---|\.\.\.)(?=\s|$)/)) return 'meta';
  if (state.atKey && stream.match(KEY)) {
    state.atKey = false;
    return 'propertyName';
  }
  state.atKey = false;
  if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^']|'')*'?/)) return 'string';
  if (stream.match(/^[|>][-+0-9]*(?=\s*(?:#|$))/)) {
    state.block = state.indent;
    return 'operator';
  }
  if (stream.match(/^[&*][^\s,[\]{}]+/)) return 'labelName';
  if (stream.match(/^![^\s]*/)) return 'meta';
  if (stream.match(NUMBER)) return 'number';
  if (stream.match(ATOM)) return 'bool';
  if (next !== undefined && ':,[]{}'.includes(next)) {
    stream.next();
    if (next === ':') state.atKey = false;
    // After `- ` or `{`/`,` in a flow map, a key may follow.
    if (next === '{' || next === ',') state.atKey = true;
    return 'punctuation';
  }
  // A plain scalar runs to a comment, a flow indicator or the line's end.
  if (!stream.match(/^[^,[\]{}]+?(?=\s+#|[,[\]{}]|$)/)) stream.next();
  return 'content';
}

export const yamlLanguage = StreamLanguage.define<YamlTokenState>({
  name: 'yaml',
  startState: () => ({ block: null, indent: 0, atKey: true }),
  copyState: (state) => ({ ...state }),
  token: yamlToken,
  languageData: { commentTokens: { line: '#' } },
});

export const yamlHighlightStyle = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--accent-strong)' },
  { tag: tags.string, color: 'var(--ok)' },
  { tag: [tags.number, tags.bool], color: 'var(--warn)' },
  { tag: tags.lineComment, color: 'var(--text-faint)', fontStyle: 'italic' },
  { tag: [tags.punctuation, tags.operator], color: 'var(--text-faint)' },
  { tag: [tags.meta, tags.labelName], color: 'var(--accent)', fontStyle: 'italic' },
]);
