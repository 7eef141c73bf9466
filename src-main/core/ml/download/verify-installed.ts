import { stat } from 'node:fs/promises';
import { sha256File } from './hash-file';
import { ManifestError, readManifest } from './model-manifest';
import { installDir, repoFilePath } from './model-paths';

// `verify`: re-hashes every file of an installed model and compares it with
// the sha256 and size its manifest recorded at download time. Offline.

export type VerifyFileStatus = 'ok' | 'missing' | 'size_mismatch' | 'hash_mismatch';

export interface VerifyFileResult {
  path: string;
  status: VerifyFileStatus;
  expectedSize: number;
  actualSize: number | null;
  expectedSha256: string;
  /** Only when the file was hashed (present with the right size). */
  actualSha256: string | null;
}

export interface VerifyResult {
  id: string;
  ok: boolean;
  /** Why the model could not be checked at all (missing or bad manifest). */
  problem: string | null;
  files: VerifyFileResult[];
}

export interface VerifyOptions {
  signal?: AbortSignal;
  /** Called before each file is hashed. */
  onFile?: (path: string, size: number) => void;
}

export async function verifyInstalledModel(
  dataDir: string,
  id: string,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const dir = installDir(dataDir, id);
  let manifest;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    const problem = error instanceof ManifestError ? error.message : String(error);
    return { id, ok: false, problem, files: [] };
  }
  const files: VerifyFileResult[] = [];
  for (const file of manifest.files) {
    const path = repoFilePath(dir, file.path);
    const base = { path: file.path, expectedSize: file.size, expectedSha256: file.sha256 };
    let actualSize: number;
    try {
      actualSize = (await stat(path)).size;
    } catch {
      files.push({ ...base, status: 'missing', actualSize: null, actualSha256: null });
      continue;
    }
    if (actualSize !== file.size) {
      files.push({ ...base, status: 'size_mismatch', actualSize, actualSha256: null });
      continue;
    }
    options.onFile?.(file.path, file.size);
    const { sha256 } = await sha256File(path, undefined, options.signal);
    files.push({
      ...base,
      status: sha256 === file.sha256 ? 'ok' : 'hash_mismatch',
      actualSize,
      actualSha256: sha256,
    });
  }
  return { id, ok: files.every((f) => f.status === 'ok'), problem: null, files };
}
