import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ApiError, PROFILE_TEXT_MAX } from '../../../contract';
import type { ProfilePreviewInput } from '../../../contract';
import { BUILT_IN_PROFILE } from '../default-profile';
import privacyRecipe from '../../../../recipes/privacy/config.yaml?raw';
import type { FetchProfileOptions } from './fetch-profile-url';
import { fetchProfileUrl } from './fetch-profile-url';

// The text of a profile to preview, from wherever the person chose: the
// built-in privacy recipe, a YAML file on this machine, text the renderer
// read, or a URL.

export interface ProfileText {
  /** How people read where it came from. */
  source: string;
  /** A name for the profile. */
  name: string;
  text: string;
}

/** `balance` from `…/balance/config.yaml`; `my-policy` from `my-policy.yaml`. */
export function profileNameFrom(location: string): string {
  const path = location.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const parts = path.split(/[\\/]/).filter(Boolean);
  const last = parts.at(-1) ?? 'profile';
  const stem = last.replace(/\.ya?ml$/i, '');
  const name = stem === 'config' && parts.length > 1 ? (parts.at(-2) ?? stem) : stem;
  return name.replace(/[^\w .-]/g, '-').slice(0, 80) || 'profile';
}

async function readProfileFile(path: string): Promise<ProfileText> {
  if (!/\.ya?ml$/i.test(path)) {
    throw new ApiError('invalid_input', 'A profile file is a .yaml or .yml file.', {
      reason: 'not_yaml',
    });
  }
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ApiError(
      'not_found',
      missing ? `There is no file ${path}.` : `${path} cannot be read.`,
    );
  }
  if (size > PROFILE_TEXT_MAX) {
    throw new ApiError('invalid_input', `${basename(path)} is larger than 5 MB.`, {
      reason: 'too_large',
    });
  }
  return { source: path, name: profileNameFrom(path), text: await readFile(path, 'utf8') };
}

export async function readProfileSource(
  input: ProfilePreviewInput,
  fetchOptions: FetchProfileOptions = {},
): Promise<ProfileText> {
  if ('source' in input)
    return { source: `built-in ${BUILT_IN_PROFILE}`, name: 'privacy', text: privacyRecipe };
  if ('file' in input) return readProfileFile(input.file);
  if ('text' in input)
    return { source: input.name, name: profileNameFrom(input.name), text: input.text };
  const fetched = await fetchProfileUrl(input.url, fetchOptions);
  return { source: fetched.url, name: profileNameFrom(fetched.url), text: fetched.text };
}
