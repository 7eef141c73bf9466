import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { useClient } from '../../api/client-context';
import type { CheckOutcome } from './dsl-lint';
import { dslSetup, readOnlyExtension } from './dsl-setup';
import { revealLine } from './reveal-line';
import type { RevealRequest } from './reveal-line';

export type { CheckOutcome } from './dsl-lint';

interface DslEditorProps {
  value: string;
  onChange(value: string): void;
  readOnly?: boolean;
  /** A CSS length, e.g. `420px` or `60vh`. */
  height: string;
  /** Hears each answer of the live check (diagnostics, declared names) or its failure. */
  onCheck?(outcome: CheckOutcome): void;
  /** The editor's accessible name. */
  label?: string;
  /** A line to move to and show, e.g. the line of a problem picked from a list. */
  reveal?: RevealRequest | null;
}

/**
 * A CodeMirror editor for the routing DSL: highlighting, completion from the
 * names the file declares, and live diagnostics from the core with their
 * fixes. Controlled: `value` in, `onChange` out.
 */
export function DslEditor({
  value,
  onChange,
  readOnly = false,
  height,
  onCheck,
  label = 'Routing policy (DSL)',
  reveal = null,
}: DslEditorProps) {
  const client = useClient();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  /** The text the editor last held (what `onChange` last said, or `value` last applied). */
  const shown = useRef(value);
  const props = useRef({ onChange, onCheck, readOnly, label });
  useEffect(() => {
    props.current = { onChange, onCheck, readOnly, label };
  });

  useEffect(() => {
    if (!host.current) return;
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: shown.current,
        extensions: [
          dslSetup({
            client,
            label: props.current.label,
            onDocChange: (text) => {
              shown.current = text;
              props.current.onChange(text);
            },
            onCheck: (outcome) => props.current.onCheck?.(outcome),
          }),
          editable.current.of(readOnlyExtension(props.current.readOnly)),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, [client]);

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

  return <div className="dsl-editor" ref={host} style={{ height }} data-testid="dsl-editor" />;
}
