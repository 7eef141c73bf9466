import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import bundledCatalog from '../../../../resources/model-catalog.json';
import { SIGNAL_TYPES } from '../../signals/signal-types';

// The catalog of on-device routing models: one entry per model role, naming
// the Hugging Face repository and the files a role needs. The app ships it in
// resources/model-catalog.json (bundled into the build); a file path can be
// given instead to try another catalog.

/** The model-backed roles; each is also the installed model's folder name. */
export const MODEL_ROLES = [
  'embedding',
  'domain',
  'jailbreak',
  'pii',
  'fact_check',
  'feedback',
  'modality',
] as const;
export type ModelRole = (typeof MODEL_ROLES)[number];

export const MODEL_TASKS = [
  'embedding',
  'sequence_classification',
  'token_classification',
] as const;
export type ModelTask = (typeof MODEL_TASKS)[number];

/**
 * A path inside a repository. It becomes a path under the data folder, so it
 * must stay relative and inside: no `..`, `.`, empty or absolute segments.
 */
const RepoPathSchema = z
  .string()
  .min(1)
  .refine(
    (path) =>
      !path.includes('\\') &&
      !path.startsWith('/') &&
      path.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    { message: 'must be a relative path inside the repository (no "..", "." or leading "/")' },
  )
  .refine((path) => path !== 'manifest.json' && !/\.partial(\.json)?$/.test(path), {
    message: 'clashes with the names the installer writes (manifest.json, *.partial)',
  });

const CatalogFileSchema = z.strictObject({
  path: RepoPathSchema,
  /** Downloaded when the repository has it; its absence is not an error. */
  optional: z.boolean().default(false),
  /** Pins: when given, the hub's listing and the download must agree. */
  size: z.number().int().nonnegative().optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lower-case hex digits')
    .optional(),
});

const CatalogEntrySchema = z.strictObject({
  id: z.enum(MODEL_ROLES),
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'a repository is "owner/name"'),
  revision: z.string().min(1).default('main'),
  task: z.enum(MODEL_TASKS),
  files: z
    .array(CatalogFileSchema)
    .min(1)
    .refine((files) => new Set(files.map((f) => f.path)).size === files.length, {
      message: 'a file is listed twice',
    })
    .refine((files) => files.some((f) => !f.optional), {
      message: 'at least one file must be required',
    }),
  approx_size_bytes: z.number().int().positive(),
  description: z.string().min(1),
  signals: z.array(z.enum(SIGNAL_TYPES)).min(1),
});

export const ModelCatalogSchema = z
  .strictObject({
    catalog_version: z.literal(1),
    models: z.array(CatalogEntrySchema),
  })
  .refine((c) => new Set(c.models.map((m) => m.id)).size === c.models.length, {
    message: 'a model id is listed twice',
  });

export type CatalogFile = z.infer<typeof CatalogFileSchema>;
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;
export type ModelCatalog = z.infer<typeof ModelCatalogSchema>;

export class ModelCatalogError extends Error {
  constructor(
    readonly source: string,
    readonly issues: string[],
  ) {
    super(`${source}: not a valid model catalog: ${issues.join('; ')}`);
    this.name = 'ModelCatalogError';
  }
}

export function parseModelCatalog(value: unknown, source: string): ModelCatalog {
  const parsed = ModelCatalogSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ModelCatalogError(
    source,
    parsed.error.issues.map((issue) => `${issue.path.join('.') || '(catalog)'}: ${issue.message}`),
  );
}

let shipped: ModelCatalog | undefined;

/** The catalog the app ships (validated once). */
export function shippedModelCatalog(): ModelCatalog {
  shipped ??= parseModelCatalog(bundledCatalog, 'resources/model-catalog.json');
  return shipped;
}

/** Reads and validates a catalog file; without a file, the shipped catalog. */
export async function loadModelCatalog(file?: string): Promise<ModelCatalog> {
  if (file === undefined) return shippedModelCatalog();
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ModelCatalogError(file, [(error as Error).message]);
  }
  return parseModelCatalog(value, file);
}

export function findCatalogEntry(catalog: ModelCatalog, id: string): CatalogEntry | undefined {
  return catalog.models.find((entry) => entry.id === id);
}
