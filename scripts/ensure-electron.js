// Runs before `npm start` and `npm run dev`: makes sure the Electron runtime
// is there and can start on this machine, and says plainly what to do when
// it cannot. Electron's runtime is not fetched at install time (its install
// script is not allowed, so `npm ci` works offline and in CI); the first
// start downloads it through Electron's own installer.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureSqliteForElectron } from './electron-sqlite.js';

const BROWSER_WAY =
  'The same app runs without Electron, in a browser: `npm run serve`, then open the address it ' +
  'prints (add `-- --port 0` for any free port).';

export function notInstalledMessage() {
  return 'Electron is not installed in this folder. Run `npm ci` first, then `npm start`.\n';
}

export function noDisplayMessage() {
  return (
    'The desktop app needs a graphical session, and this one has none ($DISPLAY and ' +
    '$WAYLAND_DISPLAY are not set), so Electron cannot open a window here.\n' +
    'Run `npm start` from a desktop session (or over SSH with X forwarding).\n' +
    `${BROWSER_WAY}\n`
  );
}

export function downloadFailedMessage() {
  return (
    'The Electron runtime could not be downloaded, so the desktop app cannot start here.\n' +
    'Check the network connection (or point ELECTRON_MIRROR at a mirror you can reach), then run ' +
    '`npm start` again; the download happens once.\n' +
    `${BROWSER_WAY}\n`
  );
}

/** `detail`: the first lines Electron printed when it failed to start. */
export function cannotRunMessage(detail) {
  const lines = detail.trim().split('\n').slice(0, 4).join('\n  ');
  return (
    'The Electron runtime is installed but does not start on this machine:\n' +
    `  ${lines || '(it printed nothing)'}\n` +
    'A missing shared library usually means a desktop package is absent (on Debian or Ubuntu: ' +
    '`sudo apt-get install libgtk-3-0 libnss3 libasound2 libgbm1`).\n' +
    `${BROWSER_WAY}\n`
  );
}

/** Linux needs an X or Wayland display for a window; other systems always have one. */
export function hasDisplay(platform, env) {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

function electronDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function binary(dir) {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const file = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(file) ? file : null;
}

function fail(message) {
  process.stderr.write(`\n${message}`);
  process.exit(1);
}

function main() {
  const dir = electronDir();
  if (!dir) fail(notInstalledMessage());
  if (!hasDisplay(process.platform, process.env)) fail(noDisplayMessage());
  let electron = binary(dir);
  if (!electron) {
    process.stdout.write('Downloading the Electron runtime (first start only)…\n');
    const result = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'inherit' });
    electron = binary(dir);
    if (result.status !== 0 || !electron) fail(downloadFailedMessage());
  }
  const probe = spawnSync(electron, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.status !== 0)
    fail(cannotRunMessage(`${probe.stderr ?? ''}${probe.error?.message ?? ''}`));
  // SQLite's addon for Electron's ABI, kept beside the Node build (first start only).
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const problem = ensureSqliteForElectron(version);
  if (problem) process.stderr.write(`\n${problem}`);
}

// Run as a script only: imported (by its tests), it does nothing.
if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) main();
