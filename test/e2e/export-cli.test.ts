import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, runHomelane } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';

// `homelane export config.yaml -o DIR`: the config as upstream's router reads
// it (Homelane's `locality` keys removed, comments and order kept) and its
// routing as DSL, written into DIR; nothing written for a config with errors.

const temp = makeTempDir('homelane-export-cli-');
afterAll(() => temp.cleanup());
const privacyConfig = join(REPO_ROOT, 'recipes', 'privacy', 'config.yaml');

interface ProviderModel {
  name: string;
  locality?: string;
}

describe('homelane export', () => {
  it("writes the privacy recipe's config without locality keys, and its canonical DSL", async () => {
    const out = join(temp.dir, 'export');
    const exported = await runHomelane(['export', privacyConfig, '-o', out]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('removed providers.models[0].locality');

    const source = readFileSync(privacyConfig, 'utf8');
    const written = readFileSync(join(out, 'config.yaml'), 'utf8');
    const before = parse(source) as { providers: { models: ProviderModel[] } };
    const after = parse(written) as { providers: { models: ProviderModel[] } };
    expect(before.providers.models.some((m) => m.locality !== undefined)).toBe(true);
    expect(after.providers.models.every((m) => m.locality === undefined)).toBe(true);
    // Only those keys went: everything else, comments included, is as written.
    const withoutLocality = source
      .split('\n')
      .filter((line) => !/^\s*locality:/.test(line))
      .join('\n');
    expect(written).toBe(withoutLocality);

    const decompiled = await runHomelane(['decompile', privacyConfig]);
    expect(readFileSync(join(out, 'recipe.dsl'), 'utf8')).toBe(decompiled.stdout);
    for (const file of ['config.yaml', 'recipe.dsl']) {
      const validated = await runHomelane(['validate', join(out, file)]);
      expect(validated.code, validated.stderr).toBe(0);
    }
  });

  it('exports nothing from a config with errors, and says where they are', async () => {
    const broken = join(temp.dir, 'broken.yaml');
    writeFileSync(
      broken,
      readFileSync(privacyConfig, 'utf8').replace(/default_model: \S+/, 'default_model: 42'),
    );
    const out = join(temp.dir, 'not-written');
    const result = await runHomelane(['export', broken, '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.yaml:\d+:\d+/);
    expect(result.stderr).toContain('nothing exported');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a DSL file, which has no providers, and names the way to a whole config', async () => {
    const result = await runHomelane([
      'export',
      join(REPO_ROOT, 'recipes', 'privacy', 'recipe.dsl'),
      '-o',
      join(temp.dir, 'dsl'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--base config.yaml');
    expect(existsSync(join(temp.dir, 'dsl'))).toBe(false);
  });
});
