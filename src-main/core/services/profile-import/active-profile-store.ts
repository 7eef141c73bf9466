import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ProfileInfo } from '../../../contract';

// The profile chosen in the app lives in the data folder:
//   profiles/active.yaml        the text in force, exactly as previewed
//   profiles/active.json        its name, where it came from, when applied, a note
//   profiles/history/<stamp>.yaml       the profiles it replaced, named by when (a few kept)
//   profiles/history-meta/<stamp>.json  each one's metadata, as its active.json said
// Every write goes to a temporary file first and is renamed into place, so a
// reader sees the old file or the new one, never half of one. History files
// kept before metadata existed (or whose metadata is unreadable) still list.

export const PROFILES_DIR = 'profiles';
export const ACTIVE_PROFILE_FILE = 'active.yaml';
const META_FILE = 'active.json';
const HISTORY_DIR = 'history';
const HISTORY_META_DIR = 'history-meta';
/** How many replaced profiles are kept. */
export const HISTORY_KEEP = 10;
/** A history id: the ISO time it was replaced, `:` and `.` as `-`, a counter on a clash. */
const HISTORY_ID = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z(-\d{1,4})?$/;

const MetaSchema = z.object({
  name: z.string(),
  source: z.string(),
  appliedAt: z.string(),
  note: z.string().optional(),
});

export type ActiveProfileMeta = z.infer<typeof MetaSchema>;

export interface HistoryEntry {
  id: string;
  /** Size of its YAML in bytes. */
  bytes: number;
  /** Null for a file kept without metadata, or with metadata that cannot be read. */
  meta: ActiveProfileMeta | null;
}

export function activeProfilePath(dataDir: string): string {
  return join(dataDir, PROFILES_DIR, ACTIVE_PROFILE_FILE);
}

/** The saved profile's name and origin, or null when none was applied (or the file is unreadable). */
export function readActiveProfileMeta(dataDir: string): Promise<ActiveProfileMeta | null> {
  return readMeta(join(dataDir, PROFILES_DIR, META_FILE));
}

async function readMeta(file: string): Promise<ActiveProfileMeta | null> {
  try {
    const json: unknown = JSON.parse(await readFile(file, 'utf8'));
    const parsed = MetaSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const stamp = (at: Date) => at.toISOString().replace(/[:.]/g, '-');

export function isHistoryId(id: string): boolean {
  return HISTORY_ID.test(id);
}

export class ActiveProfileStore {
  readonly dir: string;
  readonly historyDir: string;
  private readonly historyMetaDir: string;

  constructor(
    readonly dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.dir = join(dataDir, PROFILES_DIR);
    this.historyDir = join(this.dir, HISTORY_DIR);
    this.historyMetaDir = join(this.dir, HISTORY_META_DIR);
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
      commit: (info, note) => this.commit(temp, info, note),
      discard: () => rm(temp, { force: true }),
    };
  }

  /** The saved profile's text, or null when none was applied. */
  async readSaved(): Promise<string | null> {
    return existsSync(this.file) ? readFile(this.file, 'utf8') : null;
  }

  /** The replaced profiles, newest first. */
  async listHistory(): Promise<HistoryEntry[]> {
    const ids = (await this.historyIds()).reverse();
    const entries: HistoryEntry[] = [];
    for (const id of ids) {
      const bytes = await stat(join(this.historyDir, `${id}.yaml`)).then(
        (s) => s.size,
        () => null,
      );
      if (bytes === null) continue;
      entries.push({ id, bytes, meta: await readMeta(this.metaFileOf(id)) });
    }
    return entries;
  }

  /** One replaced profile's text and metadata; null when there is no such version. */
  async readHistory(id: string): Promise<{ text: string; entry: HistoryEntry } | null> {
    if (!isHistoryId(id)) return null;
    const file = join(this.historyDir, `${id}.yaml`);
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) return null;
    const meta = await readMeta(this.metaFileOf(id));
    return { text, entry: { id, bytes: Buffer.byteLength(text), meta } };
  }

  private async commit(
    temp: string,
    info: ProfileInfo,
    note: string | undefined,
  ): Promise<CommittedProfile> {
    const at = this.now();
    let previousFile: string | null = null;
    let previousId: string | null = null;
    if (existsSync(this.file)) {
      await mkdir(this.historyDir, { recursive: true });
      previousId = await this.freeId(stamp(at));
      previousFile = join(this.historyDir, `${previousId}.yaml`);
      const metaFile = join(this.dir, META_FILE);
      // The metadata first: a listed version has its name as soon as its text is there.
      if (existsSync(metaFile)) {
        await mkdir(this.historyMetaDir, { recursive: true });
        await copyFile(metaFile, this.metaFileOf(previousId));
      }
      await copyFile(this.file, previousFile);
      await this.pruneHistory();
    }
    await rename(temp, this.file);
    const meta: ActiveProfileMeta = {
      ...info,
      appliedAt: at.toISOString(),
      ...(note ? { note } : {}),
    };
    const metaTemp = join(this.dir, `.${META_FILE}.${process.pid}.tmp`);
    await writeFile(metaTemp, `${JSON.stringify(meta, null, 2)}\n`, { mode: 0o600 });
    await rename(metaTemp, join(this.dir, META_FILE));
    return { previousFile, previousId };
  }

  private metaFileOf(id: string): string {
    return join(this.historyMetaDir, `${id}.json`);
  }

  private async freeId(base: string): Promise<string> {
    let id = base;
    for (let n = 1; existsSync(join(this.historyDir, `${id}.yaml`)); n++) id = `${base}-${n}`;
    return id;
  }

  /** History ids, oldest first. */
  private async historyIds(): Promise<string[]> {
    const names = await readdir(this.historyDir).catch(() => [] as string[]);
    return names
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => name.slice(0, -'.yaml'.length))
      .filter(isHistoryId)
      .sort(byAge);
  }

  private async pruneHistory(): Promise<void> {
    const ids = await this.historyIds();
    for (const id of ids.slice(0, Math.max(0, ids.length - HISTORY_KEEP))) {
      await rm(join(this.historyDir, `${id}.yaml`), { force: true });
      await rm(this.metaFileOf(id), { force: true });
    }
  }
}

/** Oldest first; a clash counter (`…Z-2`) after its base, numerically. */
function byAge(a: string, b: string): number {
  const [baseA = '', countA = '0'] = a.split('Z');
  const [baseB = '', countB = '0'] = b.split('Z');
  if (baseA !== baseB) return baseA < baseB ? -1 : 1;
  return Number(countA.replace('-', '') || 0) - Number(countB.replace('-', '') || 0);
}

export interface CommittedProfile {
  /** The replaced profile's file in the history; null when none was saved before. */
  previousFile: string | null;
  /** Its history id. */
  previousId: string | null;
}

export interface StagedProfile {
  commit(info: ProfileInfo, note?: string): Promise<CommittedProfile>;
  discard(): Promise<void>;
}
