import { z } from 'zod';
import { ProfileInfoSchema } from './app';
import { POLICY_SOURCE_MAX, PolicyDiagnosticSchema } from './policy';
import { PROFILE_TEXT_MAX } from './profile-import';

// Editing the routing policy in force: read it as YAML and as DSL, convert
// between the two, compare an edit with the policy in force, apply it
// (checked first; the version it replaces is kept), list the versions applied
// and roll back to one, and export a clean v0.3 config for upstream.
//
// DSL owns the routing sections only (signals, projections, decisions,
// models, plugins, entrypoints, recipes). DSL text is therefore compiled and
// merged into the YAML in force: its providers, listeners and global stay.

export const PolicyFormatSchema = z.enum(['dsl', 'yaml']);

/** An edited policy in either form. */
export const EditedPolicyInputSchema = z
  .object({
    text: z.string().min(1).max(Math.max(POLICY_SOURCE_MAX, PROFILE_TEXT_MAX)),
    format: PolicyFormatSchema,
  })
  .strict();

export const PolicyActiveInputSchema = z.object({}).strict();
export const PolicyActiveSchema = z.object({
  profile: ProfileInfoSchema,
  /** The YAML in force, exactly as written. */
  yaml: z.string(),
  /** The same policy as DSL; null when it cannot be printed (see `dslProblems`). */
  dsl: z.string().nullable(),
  dslProblems: z.array(z.string()),
  /** When it was applied in the app; null for a file given at start or the built-in profile. */
  appliedAt: z.string().nullable(),
});

/** DSL → the whole config it would become (merged into the YAML in force). */
export const PolicyCompileInputSchema = z
  .object({ source: z.string().max(POLICY_SOURCE_MAX) })
  .strict();
export const PolicyCompileSchema = z.object({
  /** Null while the DSL has errors. */
  yaml: z.string().nullable(),
  diagnostics: z.array(PolicyDiagnosticSchema),
  errorCount: z.number().int().min(0),
});

/** YAML → DSL. */
export const PolicyDecompileInputSchema = z
  .object({ yaml: z.string().max(PROFILE_TEXT_MAX) })
  .strict();
export const PolicyDecompileSchema = z.object({
  /** Null while the YAML has errors. */
  dsl: z.string().nullable(),
  /** Problems of the YAML, located in it. */
  diagnostics: z.array(PolicyDiagnosticSchema),
  errorCount: z.number().int().min(0),
});

export const DecisionChangeSchema = z.object({
  name: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  /** For `changed`: the fields that differ, e.g. `rules`, `priority`, `modelRefs`. */
  fields: z.array(z.string()),
});

/** An edit compared with the policy in force. */
export const PolicyDiffSchema = z.object({
  /** False when the edit would change nothing the router reads (comments and order aside). */
  changed: z.boolean(),
  /** A unified diff of the YAML in force (`a/active.yaml`) against the edit's YAML (`b/edited.yaml`). */
  unified: z.string(),
  added: z.number().int().min(0),
  removed: z.number().int().min(0),
  decisions: z.array(DecisionChangeSchema),
  /** The edit's problems; when there are errors, `unified` is empty. */
  diagnostics: z.array(PolicyDiagnosticSchema),
  errorCount: z.number().int().min(0),
});

export const PolicyApplyInputSchema = EditedPolicyInputSchema.extend({
  /** A few words kept with the version, e.g. "cheaper code route". */
  note: z.string().max(200).optional(),
}).strict();

export const PolicyVersionSchema = z.object({
  /** Stable: the active one is `active`; earlier ones are named by when they were replaced. */
  id: z.string(),
  name: z.string(),
  source: z.string(),
  /** When it was put in force; null when not known (a file kept before history had metadata). */
  appliedAt: z.string().nullable(),
  note: z.string().nullable(),
  bytes: z.number().int().min(0),
  active: z.boolean(),
});

export const PolicyApplySchema = z.object({
  profile: ProfileInfoSchema,
  version: PolicyVersionSchema,
  /** The version it replaced; null when nothing was applied in the app before. */
  previous: PolicyVersionSchema.nullable(),
});

export const PolicyHistoryInputSchema = z.object({}).strict();
export const PolicyHistorySchema = z.object({
  /** Newest first; the active one first of all. */
  versions: z.array(PolicyVersionSchema),
});

export const PolicyVersionInputSchema = z.object({ id: z.string().min(1).max(100) }).strict();
export const PolicyVersionTextSchema = z.object({
  version: PolicyVersionSchema,
  yaml: z.string(),
});

export const PolicyRollbackInputSchema = PolicyVersionInputSchema;

/** Without input: the policy in force. */
export const PolicyExportInputSchema = z.union([z.object({}).strict(), EditedPolicyInputSchema]);
export const PolicyExportSchema = z.object({
  /** A v0.3 config upstream reads: Homelane's extension keys removed, comments and order kept. */
  yaml: z.string(),
  /** Its routing as DSL; null when it cannot be printed. */
  dsl: z.string().nullable(),
  /** Key paths that were removed, e.g. `providers.models[2].locality`. */
  removed: z.array(z.string()),
});

export type PolicyFormat = z.infer<typeof PolicyFormatSchema>;
export type EditedPolicyInput = z.input<typeof EditedPolicyInputSchema>;
export type PolicyActive = z.infer<typeof PolicyActiveSchema>;
export type PolicyCompile = z.infer<typeof PolicyCompileSchema>;
export type PolicyDecompile = z.infer<typeof PolicyDecompileSchema>;
export type DecisionChange = z.infer<typeof DecisionChangeSchema>;
export type PolicyDiff = z.infer<typeof PolicyDiffSchema>;
export type PolicyApplyInput = z.input<typeof PolicyApplyInputSchema>;
export type PolicyVersion = z.infer<typeof PolicyVersionSchema>;
export type PolicyApply = z.infer<typeof PolicyApplySchema>;
export type PolicyHistory = z.infer<typeof PolicyHistorySchema>;
export type PolicyVersionText = z.infer<typeof PolicyVersionTextSchema>;
export type PolicyExport = z.infer<typeof PolicyExportSchema>;
