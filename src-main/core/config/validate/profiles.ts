import type { KeyPath } from '../diagnostics';
import type { RawConfig, RecipeProfile } from '../schema/config';

/** A routing profile of the raw document and where it sits. */
export interface RawProfile {
  name: string;
  routing: RecipeProfile;
  path: KeyPath;
}

export function rawProfiles(raw: RawConfig): RawProfile[] {
  const profiles: RawProfile[] = [];
  if (raw.routing) profiles.push({ name: 'default', routing: raw.routing, path: ['routing'] });
  (raw.recipes ?? []).forEach((recipe, index) => {
    profiles.push({
      name: recipe.name,
      routing: recipe.routing ?? {},
      path: ['recipes', index, 'routing'],
    });
  });
  return profiles;
}
