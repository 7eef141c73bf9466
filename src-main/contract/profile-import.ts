import { z } from 'zod';
import { ProfileInfoSchema } from './app';

// Choosing a routing profile (onboarding, or later from settings): preview a
// profile — Homelane's built-in privacy recipe, a file, text the person
// picked, or a URL — and see its text, a summary and every located problem
// before anything changes; then apply the previewed text, which is checked
// again, saved in the data folder as the active profile and put in force.

/** The largest profile read from a file, a URL or the renderer: 5 MiB. */
export const PROFILE_TEXT_MAX = 5 * 1024 * 1024;

export const ProfilePreviewInputSchema = z.union([
  z.object({ source: z.literal('builtin') }).strict(),
  /** A path on the machine the core runs on (`.yaml` or `.yml`). */
  z.object({ file: z.string().min(1).max(4096) }).strict(),
  /** An http(s) URL, e.g. the raw URL of an upstream recipe. */
  z.object({ url: z.string().min(1).max(2048) }).strict(),
  /** Text the renderer read (a file picked in the browser); `name` is the file's name. */
  z.object({ text: z.string().max(PROFILE_TEXT_MAX), name: z.string().min(1).max(255) }).strict(),
]);

export const ProfileDiagnosticSchema = z.object({
  severity: z.enum(['error', 'warning', 'constraint']),
  /** Stable, e.g. `yaml_syntax`, `schema`, `unknown_model`. */
  code: z.string(),
  message: z.string(),
  /** 1-based; absent when the problem has no place in the text. */
  line: z.number().int().min(1).optional(),
  column: z.number().int().min(1).optional(),
  /** Dotted key path, e.g. `routing.decisions[3].rules`. */
  path: z.string(),
});

export const ProfileSummarySchema = z.object({
  version: z.string(),
  /** The decisions of the default profile, in file order. */
  decisions: z.array(
    z.object({
      name: z.string(),
      priority: z.number().nullable(),
      models: z.array(z.string()),
    }),
  ),
  /** Signal families of the default profile and how many rules each has. */
  signals: z.array(z.object({ type: z.string(), count: z.number().int() })),
  /** Model aliases the profile routes to. */
  models: z.array(z.string()),
  defaultModel: z.string().nullable(),
  /** Named recipes (profiles) besides the default one. */
  recipes: z.array(z.string()),
});

export const ProfilePreviewSchema = z.object({
  /** Where the text came from, as people read it (a path, a URL, "built-in …"). */
  source: z.string(),
  /** A name for the profile: from the file or URL name. */
  name: z.string(),
  text: z.string(),
  bytes: z.number().int(),
  /** Null when the text has errors (nothing reliable to summarise). */
  summary: ProfileSummarySchema.nullable(),
  /** Every problem, located, in document order. */
  diagnostics: z.array(ProfileDiagnosticSchema),
  errorCount: z.number().int().min(0),
  /** Whether `profile.apply` would accept this text. */
  applicable: z.boolean(),
});

export const ProfileApplyInputSchema = z
  .object({
    text: z.string().min(1).max(PROFILE_TEXT_MAX),
    /** Where the text came from (shown in app.info and the saved file's header). */
    source: z.string().min(1).max(4096),
    name: z
      .string()
      .regex(/^[\w .-]{1,80}$/, 'letters, digits, space, _ . - (at most 80)')
      .optional(),
  })
  .strict();

export const ProfileApplySchema = z.object({
  /** The profile in force after the call. */
  profile: ProfileInfoSchema,
  /** The active profile file in the data folder. */
  file: z.string(),
  /** Where the profile it replaced was kept; null when there was none in the data folder. */
  previousFile: z.string().nullable(),
});

export type ProfilePreviewInput = z.input<typeof ProfilePreviewInputSchema>;
export type ProfileDiagnostic = z.infer<typeof ProfileDiagnosticSchema>;
export type ProfileSummary = z.infer<typeof ProfileSummarySchema>;
export type ProfilePreview = z.infer<typeof ProfilePreviewSchema>;
export type ProfileApplyInput = z.input<typeof ProfileApplyInputSchema>;
export type ProfileApply = z.infer<typeof ProfileApplySchema>;
