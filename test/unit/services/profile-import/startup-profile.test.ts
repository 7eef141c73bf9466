import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileError } from '../../../../src-main/core/services/default-profile';
import {
  ActiveProfileStore,
  activeProfilePath,
} from '../../../../src-main/core/services/profile-import/active-profile-store';
import { loadStartupProfile } from '../../../../src-main/core/services/profile-import/startup-profile';
import { makeTempDir } from '../../../support/temp-dir';

// Which profile a starting app uses: the command line's, else the one
// applied in the app, else the built-in privacy recipe.

const POLICY = 'version: v0.3\nrouting:\n  decisions: []\n';
let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => (temp = makeTempDir('homelane-startup-')));
afterEach(() => temp.cleanup());

describe('the startup profile', () => {
  it('is the built-in privacy recipe on a new install', async () => {
    const { profile, file } = await loadStartupProfile(temp.dir);
    expect(profile.info.name).toBe('privacy');
    expect(file).toBeUndefined();
  });

  it('is the profile applied in the app, named as it was applied', async () => {
    const staged = await new ActiveProfileStore(temp.dir).stage(POLICY);
    await staged.commit({ name: 'balance', source: 'https://example.com/balance/config.yaml' });
    const { profile, file } = await loadStartupProfile(temp.dir);
    expect(profile.info).toEqual({
      name: 'balance',
      source: 'https://example.com/balance/config.yaml',
    });
    expect(file).toBe(activeProfilePath(temp.dir));
  });

  it('is the command line file when one is given', async () => {
    const given = join(temp.dir, 'mine.yaml');
    writeFileSync(given, POLICY);
    const staged = await new ActiveProfileStore(temp.dir).stage(POLICY);
    await staged.commit({ name: 'balance', source: 'x' });
    const { profile, file } = await loadStartupProfile(temp.dir, given);
    expect(profile.info.name).toBe('mine');
    expect(file).toBe(given);
  });

  it('refuses a saved profile that no longer loads', async () => {
    const staged = await new ActiveProfileStore(temp.dir).stage('routing: [broken');
    await staged.commit({ name: 'broken', source: 'x' });
    await expect(loadStartupProfile(temp.dir)).rejects.toBeInstanceOf(ProfileError);
  });
});
