// Electron's runtime is not fetched at install time (its install script is
// not allowed, so `npm ci` works offline and in CI). The first `npm start`
// downloads it through Electron's own installer.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    process.stderr.write('Electron is not installed. Run `npm ci` first.\n');
    process.exit(1);
  }
}

function installed(dir) {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

const dir = electronDir();
if (!installed(dir)) {
  process.stdout.write('Downloading the Electron runtime (first start only)…\n');
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'inherit' });
  if (result.status !== 0 || !installed(dir)) {
    process.stderr.write(
      '\nThe Electron runtime could not be downloaded, so the desktop app cannot start here.\n' +
        'Check the network (or set ELECTRON_MIRROR), then run `npm start` again.\n' +
        'The same app runs in a browser without Electron: `npm run serve`.\n',
    );
    process.exit(1);
  }
}
