import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ProfileInfo } from '../../../contract';

// The profile chosen in the app lives in the data folder:
//   profiles/active.yaml        the text in force, exactly as previewed
//   profiles/active.json        its name, where it came from, when applied
//   profiles/history/*.yaml     the profiles it replaced, newest last (a few kept)
// Every write goes to a temporary file first and is renamed into place, so a
// reader sees the old file or the new one, never half of one.

export const PROFILES_DIR = 'profiles';
export const ACTIVE_PROFILE_FILE = 'active.yaml';
const META_FILE = 'active.json';
const HISTORY_DIR = 'history';
/** How many replaced profiles are kept. */
export const HISTORY_KEEP = 10;

const MetaSchema = z.object({
  name: z.string(),
  source: z.string(),
  appliedAt: z.string(),
});

export type ActiveProfileMeta = z.infer<typeof MetaSchema>;

export function activeProfilePath(dataDir: string): string {
  return join(dataDir, PROFILES_DIR, ACTIVE_PROFILE_FILE);
}

/** The saved profile's name and origin, or null when none was applied (or the file is unreadable). */
export async function readActiveProfileMeta(dataDir: string): Promise<ActiveProfileMeta | null> {
  try {
    const json: unknown = JSON.parse(
      await readFile(join(dataDir, PROFILES_DIR, META_FILE), 'utf8'),
    );
    const parsed = MetaSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const stamp = (at: Date) => at.toISOString().replace(/[:.]/g, '-');

export class ActiveProfileStore {
  readonly dir: string;

  constructor(
    readonly dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.dir = join(dataDir, PROFILES_DIR);
  }

  get file(): string {
    return join(this.dir, ACTIVE_PROFILE_FILE);
  }

  /** Writes the text beside the active file; `commit` puts it in place, `discard` drops it. */
  async stage(text: string): Promise<StagedProfile> {
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.${ACTIVE_PROFILE_FILE}.${process.pid}.${Date.now()}.tmp`);
    await writeFile(temp, text, { mode: 0o600 });
    return {
      commit: (info) => this.commit(temp, info),
      discard: () => rm(temp, { force: true }),
    };
  }

  private async commit(temp: string, info: ProfileInfo): Promise<{ previousFile: string | null }> {
    const at = this.now();
    let previousFile: string | null = null;
    if (existsSync(this.file)) {
      const history = join(this.dir, HISTORY_DIR);
      await mkdir(history, { recursive: true });
      previousFile = join(history, `${stamp(at)}.yaml`);
      await copyFile(this.file, previousFile);
      await this.pruneHistory(history);
    }
    await rename(temp, this.file);
    const meta: ActiveProfileMeta = { ...info, appliedAt: at.toISOString() };
    const metaTemp = join(this.dir, `.${META_FILE}.${process.pid}.tmp`);
    await writeFile(metaTemp, `${JSON.stringify(meta, null, 2)}\n`, { mode: 0o600 });
    await rename(metaTemp, join(this.dir, META_FILE));
    return { previousFile };
  }

  private async pruneHistory(history: string): Promise<void> {
    const kept = (await readdir(history)).filter((name) => name.endsWith('.yaml')).sort();
    for (const name of kept.slice(0, Math.max(0, kept.length - HISTORY_KEEP)))
      await rm(join(history, name), { force: true });
  }
}

export interface StagedProfile {
  commit(info: ProfileInfo): Promise<{ previousFile: string | null }>;
  discard(): Promise<void>;
}
