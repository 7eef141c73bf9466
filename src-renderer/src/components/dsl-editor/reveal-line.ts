import { EditorView } from '@codemirror/view';

/** A line to show (1-based); a new `seq` repeats a jump to the same line. */
export interface RevealRequest {
  line: number;
  seq: number;
}

/** Puts the cursor at the start of `line` (clamped), scrolls it to the middle and focuses. */
export function revealLine(view: EditorView, line: number): void {
  const doc = view.state.doc;
  const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
  view.dispatch({
    selection: { anchor: at.from },
    effects: EditorView.scrollIntoView(at.from, { y: 'center' }),
  });
  view.focus();
}
