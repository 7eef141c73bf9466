import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/store/database';
import {
  electronBindingPath,
  sqliteBindingOptions,
} from '../../../src-main/core/store/sqlite-binding';
import { makeTempDir } from '../../support/temp-dir';

type Run = (
  command: string,
  args: string[],
  options: { cwd: string },
) => { status: number; stderr: string };
interface ElectronSqlite {
  electronBindingPath(packageDir: string, version: string): string;
  ensureSqliteForElectron(version: string, run: Run): string | null;
}
const script = (await import(
  pathToFileURL(resolve('scripts/electron-sqlite.js')).href
)) as ElectronSqlite;
const scriptPath = script.electronBindingPath;
const ensureSqliteForElectron = script.ensureSqliteForElectron;

// Node and Electron need different builds of better-sqlite3; the core picks
// the Electron one (fetched by `npm start`) only inside Electron.

const packageDir = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
const nodeBuild = join(packageDir, 'build', 'Release', 'better_sqlite3.node');
const temp = makeTempDir();
const FAKE_ELECTRON = '0.0.0-homelane-test';
afterAll(() => {
  temp.cleanup();
  rmSync(electronBindingPath(packageDir, FAKE_ELECTRON), { force: true });
});

describe('the SQLite addon for each runtime', () => {
  it('uses the installed build on Node, the Electron build inside Electron, and an explicit one first', () => {
    const node = { ...process.versions } as NodeJS.ProcessVersions;
    const electron = { ...node, electron: '40.10.2' } as NodeJS.ProcessVersions;
    expect(sqliteBindingOptions(node, {}, () => true)).toEqual({});
    expect(sqliteBindingOptions(electron, {}, () => false)).toEqual({});
    expect(sqliteBindingOptions(electron, {}, () => true)).toEqual({
      nativeBinding: electronBindingPath(packageDir, '40.10.2'),
    });
    expect(sqliteBindingOptions(node, { HOMELANE_SQLITE_BINDING: '/x/y.node' })).toEqual({
      nativeBinding: '/x/y.node',
    });
    // The script that fetches the Electron build puts it where the core looks.
    expect(scriptPath(packageDir, '40.10.2')).toBe(electronBindingPath(packageDir, '40.10.2'));
  });

  it('opens a real database through an explicit binding', () => {
    const saved = process.env.HOMELANE_SQLITE_BINDING;
    process.env.HOMELANE_SQLITE_BINDING = nodeBuild;
    try {
      const db = openDatabase(join(temp.dir, 'bound.db'));
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
      db.close();
      process.env.HOMELANE_SQLITE_BINDING = join(temp.dir, 'missing.node');
      expect(() => openDatabase(join(temp.dir, 'other.db'))).toThrow(/cannot be opened/);
    } finally {
      if (saved === undefined) delete process.env.HOMELANE_SQLITE_BINDING;
      else process.env.HOMELANE_SQLITE_BINDING = saved;
    }
  });

  it('keeps a fetched Electron build beside the Node build, and says what to do when the fetch fails', () => {
    const failed = ensureSqliteForElectron(FAKE_ELECTRON, () => ({
      status: 1,
      stderr: 'prebuild-install warn install getaddrinfo ENOTFOUND github.com\n',
    }));
    expect(failed).toContain(`better-sqlite3 for Electron ${FAKE_ELECTRON} could not be fetched`);
    expect(failed).toContain('getaddrinfo ENOTFOUND github.com');
    expect(failed).toContain('HOMELANE_SQLITE_BINDING');

    const fetched = ensureSqliteForElectron(FAKE_ELECTRON, (_command, _args, options) => {
      mkdirSync(join(options.cwd, 'build', 'Release'), { recursive: true });
      writeFileSync(join(options.cwd, 'build', 'Release', 'better_sqlite3.node'), 'built');
      return { status: 0, stderr: '' };
    });
    expect(fetched).toBeNull();
    expect(existsSync(electronBindingPath(packageDir, FAKE_ELECTRON))).toBe(true);
    // Once there, nothing is fetched again.
    expect(
      ensureSqliteForElectron(FAKE_ELECTRON, () => ({ status: 1, stderr: 'must not run' })),
    ).toBeNull();
    // The Node build is untouched.
    expect(existsSync(nodeBuild)).toBe(true);
  });
});
