import { mkdirSync, accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export interface DataDirEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

const currentEnv = (): DataDirEnv => ({
  platform: process.platform,
  env: process.env,
  home: homedir(),
});

/**
 * The folder Homelane keeps its settings, database and models in when no
 * `--data-dir` is given: `HOMELANE_DATA_DIR`, else the platform's usual place
 * for application data.
 */
export function defaultDataDir(source: DataDirEnv = currentEnv()): string {
  const { platform, env, home } = source;
  const override = env['HOMELANE_DATA_DIR'];
  if (override) return resolve(override);
  if (platform === 'win32')
    return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Homelane');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Homelane');
  const xdg = env['XDG_DATA_HOME'];
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share'), 'homelane');
}

export class DataDirError extends Error {
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`The data folder ${dir} cannot be created or written: ${reason}`);
    this.name = 'DataDirError';
  }
}

/** Creates the data folder if needed and checks that it is writable. */
export function prepareDataDir(dir: string): string {
  const absolute = resolve(dir);
  try {
    mkdirSync(absolute, { recursive: true });
    accessSync(absolute, constants.W_OK);
  } catch (error) {
    throw new DataDirError(absolute, error);
  }
  return absolute;
}
