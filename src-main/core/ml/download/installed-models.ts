import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import type { Manifest } from './model-manifest';
import { ManifestError, readManifest } from './model-manifest';
import {
  installDir,
  modelsDir,
  removingDir,
  repoFilePath,
  stagingDir,
  stagingRoot,
} from './model-paths';
import { recoverInterruptedInstall } from './install-staged';

// The models installed under the data folder, read from their manifests.
// Nothing here touches the network: listing, checking and removing work
// offline.

export interface InstalledFile {
  path: string;
  /** The size recorded in the manifest. */
  size: number;
  present: boolean;
  /** The size on disk, null when the file is missing. */
  actualSize: number | null;
  /** Present with the recorded size (a cheap check; `verify` re-hashes). */
  ok: boolean;
}

export interface InstalledModel {
  id: string;
  dir: string;
  /** null when manifest.json is missing or unreadable (see `problem`). */
  manifest: Manifest | null;
  /** ok: every file present with its recorded size. */
  status: 'ok' | 'incomplete' | 'invalid';
  problem: string | null;
  files: InstalledFile[];
  totalBytes: number;
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Checks one installed model folder against its manifest (sizes only). */
export async function inspectInstalledModel(
  dataDir: string,
  id: string,
): Promise<InstalledModel | null> {
  const dir = installDir(dataDir, id);
  if (!(await listDir(modelsDir(dataDir))).includes(id)) return null;
  let manifest: Manifest;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    const problem = error instanceof ManifestError ? error.message : String(error);
    return { id, dir, manifest: null, status: 'invalid', problem, files: [], totalBytes: 0 };
  }
  const files: InstalledFile[] = [];
  for (const file of manifest.files) {
    const actualSize = await sizeOf(repoFilePath(dir, file.path));
    files.push({
      path: file.path,
      size: file.size,
      present: actualSize !== null,
      actualSize,
      ok: actualSize === file.size,
    });
  }
  const bad = files.filter((f) => !f.ok);
  return {
    id,
    dir,
    manifest,
    status: bad.length === 0 ? 'ok' : 'incomplete',
    problem:
      bad.length === 0
        ? null
        : bad
            .map((f) =>
              f.present
                ? `${f.path} is ${f.actualSize} bytes, not ${f.size}`
                : `${f.path} is missing`,
            )
            .join('; '),
    files,
    totalBytes: manifest.files.reduce((sum, f) => sum + f.size, 0),
  };
}

/** Every installed model folder, by id. Puts back installs a crash left aside first. */
export async function listInstalledModels(dataDir: string): Promise<InstalledModel[]> {
  for (const name of await listDir(stagingRoot(dataDir))) {
    if (!name.endsWith('.previous')) continue;
    await recoverInterruptedInstall(dataDir, name.slice(0, -'.previous'.length)).catch(
      () => undefined,
    );
  }
  const models: InstalledModel[] = [];
  const ids = (await listDir(modelsDir(dataDir))).filter((name) => !name.startsWith('.')).sort();
  for (const id of ids) {
    const model = await inspectInstalledModel(dataDir, id);
    if (model) models.push(model);
  }
  return models;
}

/**
 * Removes an installed model and any unfinished pull of it. The folder is
 * first renamed out of the way, so a half-deleted model never looks
 * installed. Returns whether there was anything to remove.
 */
export async function removeInstalledModel(dataDir: string, id: string): Promise<boolean> {
  if (id.startsWith('.') || id.includes('/') || id.includes('\\'))
    throw new RangeError(`"${id}" is not a model id`);
  await recoverInterruptedInstall(dataDir, id);
  let removed = false;
  const target = installDir(dataDir, id);
  const removing = removingDir(dataDir, id);
  if ((await listDir(modelsDir(dataDir))).includes(id)) {
    await mkdir(stagingRoot(dataDir), { recursive: true });
    await rename(target, removing);
    await rm(removing, { recursive: true, force: true });
    removed = true;
  }
  const staged = stagingDir(dataDir, id);
  if ((await listDir(stagingRoot(dataDir))).includes(id)) {
    await rm(staged, { recursive: true, force: true });
    removed = true;
  }
  return removed;
}
