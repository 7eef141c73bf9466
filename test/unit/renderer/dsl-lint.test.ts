import { Text } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import {
  offsetOf,
  rangeOf,
  toLintDiagnostic,
} from '../../../src-renderer/src/components/dsl-editor/dsl-lint';

// Where a core diagnostic (1-based line and column) lands in the editor.

const doc = Text.of(['ROUTE fast {', '  WHEN keyword("urgnet")', '  MODEL "é/small"', '}']);

describe('offsetOf', () => {
  it('maps 1-based line and column to a document offset', () => {
    expect(offsetOf(doc, 1, 1)).toBe(0);
    expect(offsetOf(doc, 2, 16)).toBe(13 + 15);
    expect(doc.sliceString(offsetOf(doc, 2, 16), offsetOf(doc, 2, 24))).toBe('"urgnet"');
  });

  it('clamps a position past a line or the document to its end', () => {
    expect(offsetOf(doc, 1, 99)).toBe(12);
    expect(offsetOf(doc, 9, 1)).toBe(doc.line(4).from);
    expect(offsetOf(doc, 0, 0)).toBe(0);
  });
});

describe('rangeOf', () => {
  it('uses the end when it lies after the start', () => {
    const range = rangeOf(doc, { line: 2, column: 16, endLine: 2, endColumn: 24 });
    expect(doc.sliceString(range.from, range.to)).toBe('"urgnet"');
  });

  it('covers the word at the start when there is no end (or an empty one)', () => {
    const open = rangeOf(doc, { line: 3, column: 9 });
    expect(doc.sliceString(open.from, open.to)).toBe('"é/small"');
    const empty = rangeOf(doc, { line: 1, column: 7, endLine: 1, endColumn: 7 });
    expect(doc.sliceString(empty.from, empty.to)).toBe('fast');
  });

  it('is empty at a line end', () => {
    const at = rangeOf(doc, { line: 4, column: 2 });
    expect(at.to).toBe(at.from);
  });
});

describe('toLintDiagnostic', () => {
  it('carries severity, code, message and the fix as an action', () => {
    const lint = toLintDiagnostic(doc, {
      severity: 'warning',
      code: 'unknown_signal',
      message: 'did you mean "urgent"?',
      line: 2,
      column: 16,
      endLine: 2,
      endColumn: 24,
      fix: { description: 'Replace with urgent', newText: '"urgent"' },
    });
    expect(lint).toMatchObject({
      from: 28,
      to: 36,
      severity: 'warning',
      source: 'unknown_signal',
      message: 'did you mean "urgent"?',
    });
    expect(lint.actions?.map((a) => a.name)).toEqual(['Replace with urgent']);
    // The action replaces the range it is given (CodeMirror passes the mapped range).
    const dispatched: unknown[] = [];
    const view = { dispatch: (spec: unknown) => dispatched.push(spec) } as unknown as EditorView;
    lint.actions?.[0]?.apply(view, 30, 38);
    expect(dispatched).toEqual([{ changes: { from: 30, to: 38, insert: '"urgent"' } }]);
  });

  it('shows a constraint as an error and offers no action without a fix', () => {
    const lint = toLintDiagnostic(doc, {
      severity: 'constraint',
      code: 'range',
      message: 'too big',
      line: 1,
      column: 1,
    });
    expect(lint.severity).toBe('error');
    expect(lint.actions).toBeUndefined();
  });
});
