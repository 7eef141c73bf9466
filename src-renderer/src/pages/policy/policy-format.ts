import type { PolicyDiagnostic } from '../../../../src-main/contract';

// Small, pure functions the policy editor's components share.

export interface ProblemCounts {
  /** Errors and constraints: either stops a policy from being applied (as the editor marks them). */
  errors: number;
  warnings: number;
  total: number;
}

export function countProblems(
  diagnostics: readonly Pick<PolicyDiagnostic, 'severity'>[],
): ProblemCounts {
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return { errors: diagnostics.length - warnings, warnings, total: diagnostics.length };
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** An ISO time as people read it here; null says it is not known. */
export function formatWhen(iso: string | null): string {
  if (iso === null) return 'not known';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** `recipe.dsl` is DSL; anything else (`.yaml`, `.yml`, no extension) is read as YAML. */
export function formatOfName(name: string): 'dsl' | 'yaml' {
  return /\.dsl$/i.test(name.replace(/[?#].*$/, '')) ? 'dsl' : 'yaml';
}
