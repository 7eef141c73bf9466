import type { ParsedInput } from '../../contract';
import type { PolicyCheck, PolicyDiagnostic } from '../../contract/policy';
import type { Diagnostic } from '../config/diagnostics';
import { compileDsl } from '../dsl/compile-dsl';
import { dslSymbols } from '../dsl/symbols';

// `policy.check`: DSL text compiled and checked the way a saved policy file
// is, answered as an editor needs it. Stateless: nothing is kept or applied.

const EDITOR_FILE = 'policy.dsl';

export function checkPolicy(input: ParsedInput<'policy.check'>): PolicyCheck {
  const result = compileDsl(input.source, EDITOR_FILE);
  const diagnostics = result.diagnostics.map(toPolicyDiagnostic);
  return {
    diagnostics,
    symbols: dslSymbols(result.program),
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
  };
}

/** A located config or DSL problem as the editor shows it (unplaced ones at 1:1). */
export function toPolicyDiagnostic(d: Diagnostic): PolicyDiagnostic {
  const placed = d.line !== undefined;
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    line: d.line ?? 1,
    column: placed ? (d.column ?? 1) : 1,
    ...(placed && d.endLine !== undefined ? { endLine: d.endLine } : {}),
    ...(placed && d.endColumn !== undefined ? { endColumn: d.endColumn } : {}),
    ...(d.fix && placed ? { fix: d.fix } : {}),
  };
}
