import { access, mkdir, rename, rm } from 'node:fs/promises';
import { createLogger } from '../../logger';
import { installDir, modelsDir, previousDir, removingDir, stagingDir } from './model-paths';

// Installing a verified staging folder as the model: renames only, so at any
// moment the model folder is either the old install or the new one, never a
// mix. Replacing goes: old aside, new in, old removed; if the second rename
// fails the old one goes back. A crash in between leaves the old install in
// `.staging/<id>.previous`, which recoverInterruptedInstall puts back.

const log = createLogger('models');

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Puts back an install that a crash left aside, and clears leftovers. */
export async function recoverInterruptedInstall(dataDir: string, id: string): Promise<void> {
  const previous = previousDir(dataDir, id);
  if (await exists(previous)) {
    if (await exists(installDir(dataDir, id))) await rm(previous, { recursive: true, force: true });
    else {
      log.warn({ id }, 'restoring the install an interrupted replace left aside');
      await rename(previous, installDir(dataDir, id));
    }
  }
  await rm(removingDir(dataDir, id), { recursive: true, force: true });
}

export async function installStaged(
  dataDir: string,
  id: string,
): Promise<{ dir: string; replaced: boolean }> {
  const staged = stagingDir(dataDir, id);
  const target = installDir(dataDir, id);
  const previous = previousDir(dataDir, id);
  await mkdir(modelsDir(dataDir), { recursive: true });
  await recoverInterruptedInstall(dataDir, id);
  if (!(await exists(target))) {
    await rename(staged, target);
    return { dir: target, replaced: false };
  }
  await rename(target, previous);
  try {
    await rename(staged, target);
  } catch (error) {
    await rename(previous, target);
    throw error;
  }
  await rm(previous, { recursive: true, force: true }).catch((error: unknown) =>
    log.warn({ err: error, id }, 'could not remove the replaced install; it is removed next time'),
  );
  return { dir: target, replaced: true };
}
