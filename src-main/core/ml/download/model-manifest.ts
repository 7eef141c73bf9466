import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { MANIFEST_FILE } from './model-paths';

// manifest.json: what an installed model folder holds and how each file was
// checked when it was downloaded. `verify` re-hashes the files against it.

const ManifestFileSchema = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  /** Computed while downloading, for every file. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** 'sha256': matched the hub's LFS hash; 'size': a non-LFS file, matched by size only. */
  verified: z.enum(['sha256', 'size']),
});

export const ManifestSchema = z.object({
  manifest_version: z.literal(1),
  /** The catalog entry this model was pulled for (also its folder name). */
  catalog_id: z.string().min(1),
  repo: z.string().min(1),
  revision: z.string().min(1),
  /** The commit the hub served, when it said (X-Repo-Commit). */
  commit: z.string().nullable(),
  endpoint: z.string().min(1),
  task: z.string().min(1),
  installed_at: z.string().min(1),
  files: z.array(ManifestFileSchema),
  /** Optional catalog files the repository did not have. */
  skipped_optional: z.array(z.string()),
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

export class ManifestError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ManifestError';
  }
}

export async function readManifest(modelDir: string): Promise<Manifest> {
  const file = join(modelDir, MANIFEST_FILE);
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ManifestError(file, (error as Error).message);
  }
  const parsed = ManifestSchema.safeParse(value);
  if (!parsed.success)
    throw new ManifestError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

/** Writes the manifest through a temporary file so a crash never leaves half of one. */
export async function writeManifest(modelDir: string, manifest: Manifest): Promise<void> {
  const file = join(modelDir, MANIFEST_FILE);
  await writeFile(`${file}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}
