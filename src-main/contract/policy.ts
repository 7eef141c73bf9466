import { z } from 'zod';

// Checking a routing policy written in the DSL while it is edited: every
// located problem (with a one-click fix where the checker has a suggestion)
// and the names the file declares, for the editor's completion. Nothing is
// saved or applied.

/** 2 MiB of text (counted in UTF-16 units, as the editor counts). */
export const POLICY_SOURCE_MAX = 2 * 1024 * 1024;

export const PolicyCheckInputSchema = z
  .object({
    source: z.string().max(POLICY_SOURCE_MAX),
    format: z.literal('dsl'),
  })
  .strict();

export const PolicyDiagnosticSchema = z.object({
  /** `constraint`: a value breaks a rule of its field (range, required, contract). */
  severity: z.enum(['error', 'warning', 'constraint']),
  /** Stable, e.g. `syntax_error`, `unknown_signal`. */
  code: z.string(),
  message: z.string(),
  /** 1-based; a problem with no place in the file is reported at 1:1 with no end. */
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  /** Where the problem ends (exclusive column), when known. */
  endLine: z.number().int().min(1).optional(),
  endColumn: z.number().int().min(1).optional(),
  /** Replaces the range from line:column to endLine:endColumn. */
  fix: z.object({ description: z.string(), newText: z.string() }).optional(),
});

export const PolicySymbolsSchema = z.object({
  signals: z.array(z.object({ type: z.string(), name: z.string() })),
  /** Names `projection("…")` may reference: the outputs of PROJECTION mapping blocks. */
  projectionOutputs: z.array(z.string()),
  models: z.array(z.string()),
  /** PLUGIN template names. */
  plugins: z.array(z.string()),
  routes: z.array(z.string()),
});

export const PolicyCheckSchema = z.object({
  /** In document order. */
  diagnostics: z.array(PolicyDiagnosticSchema),
  symbols: PolicySymbolsSchema,
  /** Diagnostics of severity `error` (the file does not compile while above 0). */
  errorCount: z.number().int().min(0),
});

export type PolicyCheckInput = z.input<typeof PolicyCheckInputSchema>;
export type PolicyDiagnostic = z.infer<typeof PolicyDiagnosticSchema>;
export type PolicySymbols = z.infer<typeof PolicySymbolsSchema>;
export type PolicyCheck = z.infer<typeof PolicyCheckSchema>;
