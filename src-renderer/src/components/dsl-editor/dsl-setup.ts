import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import type { HomelaneClient } from '../../../../src-main/contract';
import { dslCompletionSource } from './dsl-complete';
import { dslHighlightStyle, dslLanguage } from './dsl-language';
import { dslLinter, symbolsField } from './dsl-lint';
import type { CheckOutcome } from './dsl-lint';
import { dslEditorTheme } from './dsl-theme';

// Everything the DSL editor is made of, as one CodeMirror extension.

export interface DslSetupOptions {
  client: HomelaneClient;
  label: string;
  onDocChange(text: string): void;
  onCheck(outcome: CheckOutcome): void;
}

export function readOnlyExtension(readOnly: boolean): Extension {
  return [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)];
}

export function dslSetup(options: DslSetupOptions): Extension {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    dslLanguage,
    syntaxHighlighting(dslHighlightStyle),
    autocompletion({
      override: [dslCompletionSource((context) => context.state.field(symbolsField))],
    }),
    dslLinter(options.client, options.onCheck),
    lintGutter(),
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      ...completionKeymap,
      ...lintKeymap,
    ]),
    dslEditorTheme,
    EditorView.contentAttributes.of({ 'aria-label': options.label }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onDocChange(update.state.doc.toString());
    }),
  ];
}
