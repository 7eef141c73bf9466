import { ApiError } from '../../../contract';
import type { PolicyDiagnostic } from '../../../contract/policy';
import type { Diagnostic } from '../../config/diagnostics';
import type { RawConfig } from '../../config/schema/config';
import { decompileConfig } from '../../dsl/decompile/decompile';
import { toPolicyDiagnostic } from '../policy-service';
import { EDITED_YAML_FILE } from './edited-policy';
import type { EditedFormat } from './edited-policy';

// The problems of an edited policy as the editor shows them, and the DSL
// printing of a config, shared by the policy editor's methods.

/**
 * Each problem located in the text that was edited. A DSL edit is checked
 * again once merged into the YAML in force; what that check finds has a
 * place in the merged YAML only, which the person never saw, so it is
 * reported unplaced (1:1) with its key path in the message.
 */
export function editedDiagnostics(
  diagnostics: readonly Diagnostic[],
  format: EditedFormat,
): PolicyDiagnostic[] {
  return diagnostics.map((d) => {
    if (format === 'yaml' || d.file !== EDITED_YAML_FILE) return toPolicyDiagnostic(d);
    const { line: _line, column: _column, endLine: _endLine, endColumn: _endColumn, ...rest } = d;
    const where = d.path && d.path !== '(root)' ? `${d.path}: ` : '';
    return toPolicyDiagnostic({ ...rest, message: `${where}${d.message} (in the merged config)` });
  });
}

/** Problems that block: everything but warnings. */
export function errorCountOf(diagnostics: readonly PolicyDiagnostic[]): number {
  return diagnostics.filter((d) => d.severity !== 'warning').length;
}

/** The edit refused, its problems in the error's details. */
export function invalidPolicy(diagnostics: readonly PolicyDiagnostic[], what: string): ApiError {
  const errors = errorCountOf(diagnostics);
  return new ApiError(
    'invalid_input',
    `The policy has ${errors} problem${errors === 1 ? '' : 's'}; ${what}.`,
    {
      reason: 'invalid_policy',
      diagnostics,
      problems: diagnostics
        .filter((d) => d.severity !== 'warning')
        .map((d) => `${d.line}:${d.column}: ${d.severity} [${d.code}] ${d.message}`),
    },
  );
}

export interface PrintedDsl {
  dsl: string | null;
  problems: string[];
}

/** A config's DSL-owned part printed as DSL, or why it cannot be. */
export function printDsl(raw: RawConfig | undefined): PrintedDsl {
  if (!raw) return { dsl: null, problems: ['the YAML has errors, so it cannot be printed as DSL'] };
  try {
    return { dsl: decompileConfig(raw), problems: [] };
  } catch (error) {
    return {
      dsl: null,
      problems: [
        `the DSL printer stopped: ${error instanceof Error ? error.message : String(error)}`,
      ],
    };
  }
}
