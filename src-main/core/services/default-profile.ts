import type { ProfileInfo } from '../../contract';
import { formatDiagnostic } from '../config/diagnostics';
import { loadConfigText, readSourceText } from '../config/load';
import type { LoadResult } from '../config/load';
import type { RouterConfig } from '../config/router-config';
import privacyRecipe from '../../../recipes/privacy/config.yaml?raw';

// The routing profile a running app starts with: a file the person chose, or
// Homelane's privacy recipe, which ships inside the build and is the default
// of a new install.

export const BUILT_IN_PROFILE = 'recipes/privacy/config.yaml';

export interface LoadedProfile {
  config: RouterConfig;
  info: ProfileInfo;
  /** The YAML in force as written (the policy editor starts from it); absent in bare tests. */
  text?: string;
}

export class ProfileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`The routing profile ${source} cannot be used:\n  ${problems.join('\n  ')}`);
    this.name = 'ProfileError';
  }
}

export async function loadProfile(file?: string): Promise<LoadedProfile> {
  const read = file
    ? await readSourceText(file, 'the config')
    : { text: privacyRecipe, diagnostics: [] };
  const result: LoadResult =
    read.text === undefined
      ? { diagnostics: read.diagnostics }
      : loadConfigText(read.text, file ?? BUILT_IN_PROFILE);
  const source = file ?? `built-in ${BUILT_IN_PROFILE}`;
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (!result.config || errors.length > 0) {
    throw new ProfileError(
      source,
      errors.map((diagnostic) => formatDiagnostic(diagnostic)),
    );
  }
  const name = file ? file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '') : 'privacy';
  return { config: result.config, info: { name, source }, text: read.text };
}
