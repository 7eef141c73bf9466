import { StringStream } from '@codemirror/language';
import { describe, expect, it } from 'vitest';
import { yamlToken } from '../../../src-renderer/src/pages/policy/yaml-language';
import type { YamlTokenState } from '../../../src-renderer/src/pages/policy/yaml-language';

// The YAML pane's highlighter, line by line, as CodeMirror drives it
// (CodeMirror skips empty lines without calling the tokenizer).

function tokens(source: string): [string, string][] {
  const state: YamlTokenState = { block: null, indent: 0, atKey: true };
  const out: [string, string][] = [];
  for (const line of source.split('\n')) {
    if (line === '') continue;
    const stream = new StringStream(line, 2, 2);
    while (!stream.eol()) {
      stream.start = stream.pos;
      const tag = yamlToken(stream, state);
      expect(stream.pos, `stuck in ${JSON.stringify(line)}`).toBeGreaterThan(stream.start);
      if (tag) out.push([stream.current(), tag]);
    }
  }
  return out;
}

describe('yamlToken', () => {
  it('names keys, scalars, numbers, booleans and comments', () => {
    expect(tokens('version: v0.3 # the schema\nrouting:\n  enabled: true\n  port: 8899')).toEqual([
      ['version', 'propertyName'],
      [':', 'punctuation'],
      ['v0.3', 'content'],
      ['# the schema', 'lineComment'],
      ['routing', 'propertyName'],
      [':', 'punctuation'],
      ['enabled', 'propertyName'],
      [':', 'punctuation'],
      ['true', 'bool'],
      ['port', 'propertyName'],
      [':', 'punctuation'],
      ['8899', 'number'],
    ]);
  });

  it('reads a list item that opens a mapping, and quoted strings with colons', () => {
    expect(tokens('  - name: "a: b"\n    url: http://x:80/')).toEqual([
      ['-', 'punctuation'],
      ['name', 'propertyName'],
      [':', 'punctuation'],
      ['"a: b"', 'string'],
      ['url', 'propertyName'],
      [':', 'punctuation'],
      ['http://x:80/', 'content'],
    ]);
  });

  it('keeps a block scalar one string until a line is indented no deeper than its key', () => {
    const source = 'prompt: |\n  line one: not a key\n\n  # not a comment\nnext: 1';
    expect(tokens(source)).toEqual([
      ['prompt', 'propertyName'],
      [':', 'punctuation'],
      ['|', 'operator'],
      ['  line one: not a key', 'string'],
      ['  # not a comment', 'string'],
      ['next', 'propertyName'],
      [':', 'punctuation'],
      ['1', 'number'],
    ]);
  });

  it('names flow lists, anchors and tags without getting stuck', () => {
    expect(tokens('keys: [a, "b", 3]\nbase: &base !tag x\nuse: *base')).toEqual([
      ['keys', 'propertyName'],
      [':', 'punctuation'],
      ['[', 'punctuation'],
      ['a', 'content'],
      [',', 'punctuation'],
      ['"b"', 'string'],
      [',', 'punctuation'],
      ['3', 'number'],
      [']', 'punctuation'],
      ['base', 'propertyName'],
      [':', 'punctuation'],
      ['&base', 'labelName'],
      ['!tag', 'meta'],
      ['x', 'content'],
      ['use', 'propertyName'],
      [':', 'punctuation'],
      ['*base', 'labelName'],
    ]);
  });
});
