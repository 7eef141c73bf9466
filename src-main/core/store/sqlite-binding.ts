import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// better-sqlite3 is a native addon built for one runtime. Node (the CLI,
// `homelane serve`, the tests) loads the build npm installed; Electron needs a
// build for its own ABI, which `npm start` fetches once beside it (see
// scripts/ensure-electron.js) so both runtimes work from one checkout.

/** Where the Electron build for `electronVersion` is kept. */
export function electronBindingPath(packageDir: string, electronVersion: string): string {
  return join(
    packageDir,
    '..',
    '.homelane-electron',
    `better_sqlite3-electron-${electronVersion}.node`,
  );
}

/**
 * The `nativeBinding` option for `new Database(…)`: an explicit
 * HOMELANE_SQLITE_BINDING wins; under Electron, the Electron build when it is
 * there; otherwise nothing (better-sqlite3 finds its own build).
 */
export function sqliteBindingOptions(
  versions: NodeJS.ProcessVersions = process.versions,
  env: NodeJS.ProcessEnv = process.env,
  exists: (file: string) => boolean = existsSync,
): { nativeBinding?: string } {
  if (env.HOMELANE_SQLITE_BINDING) return { nativeBinding: env.HOMELANE_SQLITE_BINDING };
  const electron = versions.electron;
  if (!electron) return {};
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
  } catch {
    return {};
  }
  const file = electronBindingPath(packageDir, electron);
  return exists(file) ? { nativeBinding: file } : {};
}
