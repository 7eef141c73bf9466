import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { useEffect } from 'react';
import type { PolicyDiagnostic } from '../../../../src-main/contract';
import { toLintDiagnostic } from '../../components/dsl-editor/dsl-lint';
import type { RevealRequest } from '../../components/dsl-editor/reveal-line';
import { useCodeEditor } from '../../components/dsl-editor/use-code-editor';
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
  const { host, view } = useCodeEditor({
    value,
    onChange,
    readOnly,
    reveal,
    rebuildKey: label,
    extensions: (onDocChange) => [
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
        if (update.docChanged) onDocChange(update.state.doc.toString());
      }),
    ],
  });

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
  }, [diagnostics, value, view]);

  return <div className="policy-yaml" ref={host} style={{ height }} />;
}
