// Fetches once the build of better-sqlite3 for this Electron version and keeps
// it beside the Node build (node_modules/.homelane-electron/), where the core
// finds it when it runs inside Electron (src-main/core/store/sqlite-binding.ts).
// The Node build stays as npm installed it, so the CLI and the tests keep
// working from the same checkout. Uses better-sqlite3's own prebuild-install.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Mirrors electronBindingPath() in src-main/core/store/sqlite-binding.ts. */
export function electronBindingPath(packageDir, electronVersion) {
  return join(
    packageDir,
    '..',
    '.homelane-electron',
    `better_sqlite3-electron-${electronVersion}.node`,
  );
}

export function sqliteFetchFailedMessage(electronVersion, detail) {
  return (
    `The build of better-sqlite3 for Electron ${electronVersion} could not be fetched ` +
    `(${detail.trim().split('\n').at(-1) || 'no output'}).\n` +
    'The app starts, but cannot store chats until it has one. Run `npm start` again with a ' +
    'network connection, or build it yourself and point HOMELANE_SQLITE_BINDING at the ' +
    '.node file.\n'
  );
}

/** Returns null when the Electron build is there (or was fetched), else a message. */
export function ensureSqliteForElectron(electronVersion, run = spawnSync) {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('better-sqlite3/package.json'));
  const target = electronBindingPath(packageDir, electronVersion);
  if (existsSync(target)) return null;
  const prebuild = join(dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
  const work = mkdtempSync(join(tmpdir(), 'homelane-sqlite-'));
  try {
    copyFileSync(join(packageDir, 'package.json'), join(work, 'package.json'));
    const result = run(
      process.execPath,
      [prebuild, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch],
      { cwd: work, encoding: 'utf8', timeout: 120_000 },
    );
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (result.status !== 0 || !existsSync(built))
      return sqliteFetchFailedMessage(
        electronVersion,
        `${result.stderr ?? ''}${result.error?.message ?? ''}`,
      );
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(built, target);
    return null;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
