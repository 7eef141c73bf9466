import type { z } from 'zod';
import type { DiagnosticSink } from './diagnostics';

/** Reports every zod issue as a located `schema` error, in terms a config author reads. */
export function reportSchemaIssues(error: z.ZodError, sink: DiagnosticSink): void {
  for (const issue of error.issues) {
    sink.error('schema', issue.path as (string | number)[], describe(issue));
  }
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `required ${issue.expected} is missing`
        : `expected ${issue.expected}, found ${kindOf(issue.input)}`;
    case 'invalid_union':
      return `${kindOf(issue.input)} is not an accepted form here`;
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}
