import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { PolicyDiagnostic } from '../../../../src-main/contract';
import { toLintDiagnostic } from '../../components/dsl-editor/dsl-lint';
import { revealLine } from '../../components/dsl-editor/reveal-line';
import type { RevealRequest } from '../../components/dsl-editor/reveal-line';
import { readOnlyExtension } from '../../components/dsl-editor/dsl-setup';
import { dslEditorTheme } from '../../components/dsl-editor/dsl-theme';
import { yamlHighlightStyle, yamlLanguage } from './yaml-language';

interface YamlEditorProps {
  value: string;
  onChange(value: string): void;
  readOnly: boolean;
  /** A CSS length. */
  height: string;
  /** Problems located in `value` (the core's answer for exactly this text), marked in place. */
  diagnostics: readonly PolicyDiagnostic[];
  label: string;
  /** A line to move to and show. */
  reveal: RevealRequest | null;
}

/** The YAML side: highlighted, read-only while it follows the DSL, editable when it leads. */
export function YamlEditor({
  value,
  onChange,
  readOnly,
  height,
  diagnostics,
  label,
  reveal,
}: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  const shown = useRef(value);
  const latest = useRef({ onChange, readOnly });
  useEffect(() => {
    latest.current = { onChange, readOnly };
  });

  useEffect(() => {
    if (!host.current) return;
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: shown.current,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          highlightActiveLine(),
          yamlLanguage,
          syntaxHighlighting(yamlHighlightStyle),
          lintGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
          dslEditorTheme,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            shown.current = update.state.doc.toString();
            latest.current.onChange(shown.current);
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
  }, [label]);

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
    const current = view.current;
    if (!current) return;
    const doc = current.state.doc;
    current.dispatch(
      setDiagnostics(
        current.state,
        diagnostics.map((d) => toLintDiagnostic(doc, d)),
      ),
    );
  }, [diagnostics, value]);

  useEffect(() => {
    if (view.current && reveal) revealLine(view.current, reveal.line);
  }, [reveal]);

  return <div className="policy-yaml" ref={host} style={{ height }} />;
}
