import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SecretStore } from './secret-store';
import {
  SecretStoreError,
  assertSecretName,
  assertSecretValue,
  isValidSecretName,
} from './secret-store';

/** The file headless Homelane keeps API keys in, inside the data folder. */
export const SECRETS_FILE_NAME = 'secrets.json';

const FILE_VERSION = 1;
const OWNER_ONLY = 0o600;
const GROUP_OR_OTHERS = 0o077;

/** How a value is turned into what the file holds, and back (e.g. encryption). */
export interface SecretCodec {
  encode(value: string): string;
  /** Throws a SecretStoreError (never showing the value) when `stored` cannot be decoded. */
  decode(stored: string, name: string, path: string): string;
}

export interface FileSecretStoreOptions {
  /** Default `secrets.json`. */
  fileName?: string;
  /** Default: values are stored as they are. */
  codec?: SecretCodec;
  /** Default `file`. */
  kind?: string;
  /** Refuse a file others may read or write. Default: on every platform but Windows. */
  checkPermissions?: boolean;
}

const plainCodec: SecretCodec = { encode: (value) => value, decode: (stored) => stored };

type Entries = Map<string, string>;

/**
 * Secrets in a JSON file in the data folder, `{ "version": 1, "secrets": { NAME: value } }`,
 * readable by its owner only (mode 0600). Every write replaces the file atomically
 * (a 0600 temp file renamed over it); the data folder's own mode is left as it is.
 * A file that group or others may access is refused rather than read.
 */
export class FileSecretStore implements SecretStore {
  readonly kind: string;
  readonly writable = true;
  /** The secrets file. */
  readonly path: string;
  private readonly dir: string;
  private readonly codec: SecretCodec;
  private readonly checkPermissions: boolean;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, options: FileSecretStoreOptions = {}) {
    this.dir = resolve(dataDir);
    this.path = join(this.dir, options.fileName ?? SECRETS_FILE_NAME);
    this.kind = options.kind ?? 'file';
    this.codec = options.codec ?? plainCodec;
    this.checkPermissions = options.checkPermissions ?? process.platform !== 'win32';
  }

  async get(name: string): Promise<string | undefined> {
    assertSecretName(name);
    const stored = (await this.exclusive(() => this.read())).get(name);
    return stored === undefined ? undefined : this.codec.decode(stored, name, this.path);
  }

  async set(name: string, value: string): Promise<void> {
    assertSecretName(name);
    assertSecretValue(value);
    const stored = this.codec.encode(value);
    await this.exclusive(async () => {
      const entries = await this.read();
      entries.set(name, stored);
      await this.write(entries);
    });
  }

  async delete(name: string): Promise<boolean> {
    assertSecretName(name);
    return this.exclusive(async () => {
      const entries = await this.read();
      if (!entries.delete(name)) return false;
      await this.write(entries);
      return true;
    });
  }

  async list(): Promise<string[]> {
    return [...(await this.exclusive(() => this.read())).keys()].sort();
  }

  /** Runs `task` after every earlier one of this store, so updates never interleave. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<Entries> {
    let handle: FileHandle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw this.ioError('read', error);
    }
    try {
      const info = await handle.stat();
      if (!info.isFile())
        throw new SecretStoreError('corrupt', `The secrets file ${this.path} is not a file`, {
          path: this.path,
        });
      if (this.checkPermissions && (info.mode & GROUP_OR_OTHERS) !== 0) {
        const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
        throw new SecretStoreError(
          'unsafe_permissions',
          `The secrets file ${this.path} can be accessed by other users (mode ${mode}), so it ` +
            `is not used. Make it private with: chmod 600 "${this.path}"`,
          { path: this.path },
        );
      }
      let text: string;
      try {
        text = await handle.readFile('utf8');
      } catch (error) {
        throw this.ioError('read', error);
      }
      return this.parse(text);
    } finally {
      await handle.close();
    }
  }

  // JSON.parse's own messages quote the text around the problem, which may be
  // a value: they are never passed on.
  private parse(text: string): Entries {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw this.corrupt('is not valid JSON');
    }
    if (!isRecord(data) || data['version'] !== FILE_VERSION || !isRecord(data['secrets']))
      throw this.corrupt(`is not a version ${FILE_VERSION} secrets file`);
    const entries: Entries = new Map();
    for (const [name, stored] of Object.entries(data['secrets'])) {
      if (!isValidSecretName(name)) throw this.corrupt('holds an entry with an invalid name');
      if (typeof stored !== 'string' || stored.length === 0)
        throw this.corrupt(`holds an entry ${name} that is not a non-empty string`);
      entries.set(name, stored);
    }
    return entries;
  }

  private async write(entries: Entries): Promise<void> {
    const secrets = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
    const text = `${JSON.stringify({ version: FILE_VERSION, secrets }, null, 2)}\n`;
    const temp = join(this.dir, `.${randomBytes(8).toString('hex')}.secrets.tmp`);
    let handle: FileHandle | undefined;
    try {
      await mkdir(this.dir, { recursive: true });
      handle = await open(temp, 'wx', OWNER_ONLY);
      // The creation mode is masked by the umask; make it exactly 0600.
      await handle.chmod(OWNER_ONLY);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
      await handle.close();
      handle = undefined;
      await rename(temp, this.path);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await rm(temp, { force: true }).catch(() => undefined);
      throw this.ioError('write', error);
    }
  }

  private corrupt(problem: string): SecretStoreError {
    return new SecretStoreError(
      'corrupt',
      `The secrets file ${this.path} ${problem}. Fix it, or move it aside and store the keys again`,
      { path: this.path },
    );
  }

  private ioError(action: 'read' | 'write', error: unknown): SecretStoreError {
    const reason = error instanceof Error ? error.message : String(error);
    return new SecretStoreError('io', `Cannot ${action} the secrets file ${this.path}: ${reason}`, {
      path: this.path,
      cause: error,
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
