import { existsSync } from 'node:fs';
import type { LoadedProfile } from '../default-profile';
import { loadProfile } from '../default-profile';
import { activeProfilePath, readActiveProfileMeta } from './active-profile-store';

// The profile a starting app puts in force: the file given on the command
// line; else the one applied in the app (saved in the data folder), named as
// it was when applied; else the built-in privacy recipe. A saved profile that
// no longer loads is refused like any file (ProfileError), never skipped.

export interface StartupProfile {
  profile: LoadedProfile;
  /** The file to watch for changes; undefined for the built-in profile. */
  file: string | undefined;
}

export async function loadStartupProfile(
  dataDir: string,
  explicitFile?: string,
): Promise<StartupProfile> {
  if (explicitFile) return { profile: await loadProfile(explicitFile), file: explicitFile };
  const saved = activeProfilePath(dataDir);
  if (!existsSync(saved)) return { profile: await loadProfile(), file: undefined };
  const loaded = await loadProfile(saved);
  const meta = await readActiveProfileMeta(dataDir);
  return {
    profile: meta ? { ...loaded, info: { name: meta.name, source: meta.source } } : loaded,
    file: saved,
  };
}
