import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// scripts/ensure-electron.js runs before `npm start`: it says plainly why the
// desktop app cannot start and what to do. This machine has no display and
// no Electron binary, which is exactly the case it must explain.

interface EnsureElectron {
  notInstalledMessage(): string;
  noDisplayMessage(): string;
  downloadFailedMessage(): string;
  cannotRunMessage(detail: string): string;
  hasDisplay(platform: string, env: Record<string, string | undefined>): boolean;
}

const SCRIPT = resolve('scripts/ensure-electron.js');
const load = async () => (await import(pathToFileURL(SCRIPT).href)) as EnsureElectron;

describe('ensure-electron', () => {
  it('needs a display on Linux only', async () => {
    const { hasDisplay } = await load();
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
  });

  it('says what to do in every case, and where the browser way is', async () => {
    const m = await load();
    expect(m.notInstalledMessage()).toBe(
      'Electron is not installed in this folder. Run `npm ci` first, then `npm start`.\n',
    );
    for (const message of [
      m.noDisplayMessage(),
      m.downloadFailedMessage(),
      m.cannotRunMessage('error while loading shared libraries: libnss3.so'),
    ]) {
      expect(message).toContain('`npm run serve`, then open the address it prints');
    }
    expect(m.noDisplayMessage()).toMatch(/^The desktop app needs a graphical session/);
    expect(m.downloadFailedMessage()).toMatch(/ELECTRON_MIRROR/);
    expect(m.cannotRunMessage('error while loading shared libraries: libnss3.so\nmore')).toContain(
      '  error while loading shared libraries: libnss3.so\n  more\n',
    );
    expect(m.cannotRunMessage('')).toContain('(it printed nothing)');
  });

  it.skipIf(process.platform !== 'linux')(
    'stops before downloading anything when there is no display, exit code 1',
    () => {
      const env = { ...process.env };
      delete env['DISPLAY'];
      delete env['WAYLAND_DISPLAY'];
      const run = spawnSync(process.execPath, [SCRIPT], { env, encoding: 'utf8', timeout: 20_000 });
      expect(run.status).toBe(1);
      expect(run.stdout).not.toContain('Downloading');
      expect(run.stderr).toContain('The desktop app needs a graphical session');
    },
  );
});
