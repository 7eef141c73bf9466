import { Compartment, EditorState } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { readOnlyExtension } from './dsl-setup';
import { revealLine } from './reveal-line';
import type { RevealRequest } from './reveal-line';

// A controlled CodeMirror view for React: `value` in, `onChange` out, the
// read-only switch and "show this line" applied to the live view. The
// editor's own extensions (language, lint, keymaps) come from the caller;
// the view is made again only when `rebuildKey` changes.

export interface CodeEditorOptions {
  value: string;
  onChange(text: string): void;
  readOnly: boolean;
  reveal: RevealRequest | null;
  /** The editor's extensions; `onDocChange` must hear every change of the text. */
  extensions(onDocChange: (text: string) => void): Extension[];
  rebuildKey: unknown;
}

export interface CodeEditor {
  /** Where the view mounts. */
  host: RefObject<HTMLDivElement | null>;
  view: RefObject<EditorView | null>;
}

export function useCodeEditor(options: CodeEditorOptions): CodeEditor {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  /** The text the editor last held (what `onChange` last said, or `value` last applied). */
  const shown = useRef(options.value);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const { value, readOnly, reveal, rebuildKey } = options;

  useEffect(() => {
    if (!host.current) return;
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: shown.current,
        extensions: [
          ...latest.current.extensions((text) => {
            shown.current = text;
            latest.current.onChange(text);
          }),
          editable.current.of(readOnlyExtension(latest.current.readOnly)),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, [rebuildKey]);

  useEffect(() => {
    const current = view.current;
    if (!current || value === shown.current) return;
    shown.current = value;
    current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure(readOnlyExtension(readOnly)) });
  }, [readOnly]);

  useEffect(() => {
    if (view.current && reveal) revealLine(view.current, reveal.line);
  }, [reveal]);

  return { host, view };
}
