import { access, link, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FileTarget } from './download-file';
import { readManifest } from './model-manifest';
import { installDir, repoFilePath, stagedFilePaths } from './model-paths';

/**
 * Re-pulling an installed model should not fetch gigabytes that did not
 * change: a file whose hub sha256 and size equal what the install's manifest
 * recorded is hard-linked into staging (same file system, no copy). The
 * download step then re-hashes it like any staged file, so a link to a file
 * damaged since install is caught and downloaded again. Files without a
 * published sha256 are always downloaded (they are small).
 */
export async function seedFromInstall(
  dataDir: string,
  id: string,
  targets: readonly FileTarget[],
  staging: string,
): Promise<void> {
  const installed = installDir(dataDir, id);
  let manifest;
  try {
    manifest = await readManifest(installed);
  } catch {
    return;
  }
  const recorded = new Map(manifest.files.map((file) => [file.path, file]));
  for (const target of targets) {
    const prior = recorded.get(target.path);
    if (!target.sha256 || prior?.sha256 !== target.sha256 || prior.size !== target.size) continue;
    const { finalPath } = stagedFilePaths(staging, target.path);
    try {
      await access(finalPath);
      continue;
    } catch {
      // not staged yet
    }
    await mkdir(dirname(finalPath), { recursive: true });
    // A failed link (another file system, file gone) just means a download.
    await link(repoFilePath(installed, target.path), finalPath).catch(() => undefined);
  }
}
