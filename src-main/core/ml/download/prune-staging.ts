import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stagedFilePaths } from './model-paths';

/**
 * Removes whatever an earlier pull left in the staging folder that this pull
 * will not install (files the catalog no longer lists, stray temp files), so
 * the folder that gets renamed into place holds exactly the planned files.
 */
export async function pruneStaging(dir: string, repoPaths: readonly string[]): Promise<void> {
  const keep = new Set<string>();
  for (const path of repoPaths) {
    const { finalPath, partialPath, metaPath } = stagedFilePaths(dir, path);
    keep.add(finalPath).add(partialPath).add(metaPath);
  }
  const walk = async (folder: string): Promise<boolean> => {
    let empty = true;
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && !(await walk(path))) empty = false;
      else if (entry.isDirectory()) await rm(path, { recursive: true, force: true });
      else if (keep.has(path)) empty = false;
      else await rm(path, { force: true });
    }
    return empty;
  };
  await walk(dir);
}
