import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { linter } from '@codemirror/lint';
import type { Extension, Text } from '@codemirror/state';
import { StateEffect, StateField } from '@codemirror/state';
import type { ApiErrorData, HomelaneClient } from '../../../../src-main/contract';
import type {
  PolicyCheck,
  PolicyDiagnostic,
  PolicySymbols,
} from '../../../../src-main/contract/policy';

// Live diagnostics: a pause in typing sends the text to the core
// (`policy.check`, over whichever transport the app runs on), and its
// located problems come back as lint marks with their fixes as actions. The
// declared names in the answer are kept for completion.

/** How long typing must pause before the text is checked. */
export const CHECK_DELAY_MS = 400;

export type CheckOutcome = { ok: true; check: PolicyCheck } | { ok: false; error: ApiErrorData };

export const EMPTY_SYMBOLS: PolicySymbols = {
  signals: [],
  projectionOutputs: [],
  models: [],
  plugins: [],
  routes: [],
};

const setSymbols = StateEffect.define<PolicySymbols>();

/** The names the last check found declared in the document. */
export const symbolsField = StateField.define<PolicySymbols>({
  create: () => EMPTY_SYMBOLS,
  update: (value, tr) => tr.effects.find((e) => e.is(setSymbols))?.value ?? value,
});

/** A 1-based line and column (column counted in UTF-16 units) as a document offset, clamped. */
export function offsetOf(doc: Text, line: number, column: number): number {
  const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return at.from + Math.min(Math.max(column - 1, 0), at.length);
}

/** The document range a diagnostic covers: its end when known, else the word at its start. */
export function rangeOf(
  doc: Text,
  d: Pick<PolicyDiagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>,
): { from: number; to: number } {
  const from = offsetOf(doc, d.line, d.column);
  if (d.endLine !== undefined && d.endColumn !== undefined) {
    const to = offsetOf(doc, d.endLine, d.endColumn);
    if (to > from) return { from, to };
  }
  const line = doc.lineAt(from);
  const word = /^[^\s{}()[\],:]+/.exec(line.text.slice(from - line.from));
  return { from, to: from + (word?.[0].length ?? 0) };
}

/** One core diagnostic as a CodeMirror lint diagnostic; a `constraint` counts as an error. */
export function toLintDiagnostic(doc: Text, d: PolicyDiagnostic): LintDiagnostic {
  const { from, to } = rangeOf(doc, d);
  const fix = d.fix;
  return {
    from,
    to,
    severity: d.severity === 'warning' ? 'warning' : 'error',
    source: d.code,
    message: d.message,
    ...(fix
      ? {
          actions: [
            {
              name: fix.description,
              apply: (view, start, end) =>
                view.dispatch({ changes: { from: start, to: end, insert: fix.newText } }),
            },
          ],
        }
      : {}),
  };
}

/** The linter, checking through `client`; `onCheck` hears every outcome. */
export function dslLinter(
  client: HomelaneClient,
  onCheck?: (outcome: CheckOutcome) => void,
): Extension {
  const source = linter(
    async (view) => {
      const doc = view.state.doc;
      const result = await client.call('policy.check', { source: doc.toString(), format: 'dsl' });
      // Typed over while the core was checking: the next check reports instead.
      if (view.state.doc !== doc) return [];
      if (!result.ok) {
        onCheck?.({ ok: false, error: result.error });
        return [];
      }
      onCheck?.({ ok: true, check: result.data });
      view.dispatch({ effects: setSymbols.of(result.data.symbols) });
      return result.data.diagnostics.map((d) => toLintDiagnostic(doc, d));
    },
    { delay: CHECK_DELAY_MS },
  );
  return [symbolsField, source];
}
