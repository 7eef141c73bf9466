import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DataDirError,
  defaultDataDir,
  prepareDataDir,
} from '../../../src-main/core/services/data-dir';
import { makeTempDir } from '../../support/temp-dir';

describe('defaultDataDir', () => {
  it('follows each platform convention', () => {
    expect(defaultDataDir({ platform: 'linux', env: {}, home: '/home/ada' })).toBe(
      '/home/ada/.local/share/homelane',
    );
    expect(
      defaultDataDir({ platform: 'linux', env: { XDG_DATA_HOME: '/xdg' }, home: '/home/ada' }),
    ).toBe('/xdg/homelane');
    expect(
      defaultDataDir({ platform: 'linux', env: { XDG_DATA_HOME: 'relative' }, home: '/home/ada' }),
    ).toBe('/home/ada/.local/share/homelane');
    expect(defaultDataDir({ platform: 'darwin', env: {}, home: '/Users/ada' })).toBe(
      '/Users/ada/Library/Application Support/Homelane',
    );
    expect(
      defaultDataDir({
        platform: 'win32',
        env: { APPDATA: 'C:/Users/ada/AppData/Roaming' },
        home: 'C:/Users/ada',
      }),
    ).toBe(join('C:/Users/ada/AppData/Roaming', 'Homelane'));
  });

  it('lets HOMELANE_DATA_DIR override the platform default', () => {
    expect(
      defaultDataDir({
        platform: 'linux',
        env: { HOMELANE_DATA_DIR: '/srv/homelane' },
        home: '/h',
      }),
    ).toBe('/srv/homelane');
  });
});

describe('prepareDataDir', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('creates nested folders', () => {
    const dir = prepareDataDir(join(temp.dir, 'a', 'b'));
    expect(dir).toBe(join(temp.dir, 'a', 'b'));
  });

  it('fails with a located error when the path is a file', () => {
    const file = join(temp.dir, 'not-a-dir');
    writeFileSync(file, 'x');
    expect(() => prepareDataDir(join(file, 'data'))).toThrow(DataDirError);
    expect(() => prepareDataDir(join(file, 'data'))).toThrow(/not-a-dir/);
  });
});
