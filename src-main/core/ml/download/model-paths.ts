import { join } from 'node:path';

// Where models live under the data folder:
//   <dataDir>/models/<id>/                 an installed model (with manifest.json)
//   <dataDir>/models/.staging/<id>/        a pull in progress (files, *.partial)
//   <dataDir>/models/.staging/<id>.previous  the old install during a replace
//   <dataDir>/models/.staging/<id>.removing  an install being removed
// Everything that is not a finished install sits under `.staging`, which is
// on the same file system as the installs, so installing is a rename.

export const MANIFEST_FILE = 'manifest.json';
export const PARTIAL_SUFFIX = '.partial';
export const PARTIAL_META_SUFFIX = '.partial.json';

export const modelsDir = (dataDir: string) => join(dataDir, 'models');
export const installDir = (dataDir: string, id: string) => join(modelsDir(dataDir), id);
export const stagingRoot = (dataDir: string) => join(modelsDir(dataDir), '.staging');
export const stagingDir = (dataDir: string, id: string) => join(stagingRoot(dataDir), id);
export const previousDir = (dataDir: string, id: string) =>
  join(stagingRoot(dataDir), `${id}.previous`);
export const removingDir = (dataDir: string, id: string) =>
  join(stagingRoot(dataDir), `${id}.removing`);

/** A repository path (always `/`-separated) as a path inside `dir`. */
export const repoFilePath = (dir: string, repoPath: string) => join(dir, ...repoPath.split('/'));

export function stagedFilePaths(stagingDirectory: string, repoPath: string) {
  const finalPath = repoFilePath(stagingDirectory, repoPath);
  return {
    finalPath,
    partialPath: `${finalPath}${PARTIAL_SUFFIX}`,
    metaPath: `${finalPath}${PARTIAL_META_SUFFIX}`,
  };
}
