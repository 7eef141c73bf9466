import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, runHomelane } from '../support/serve-process';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedPath } from '../support/shared-recipes';
import { makeTempDir } from '../support/temp-dir';

// `homelane compile | decompile | validate` as a user runs them.

const temp = makeTempDir();
afterAll(() => temp.cleanup());
const own = (file: string) => join(REPO_ROOT, 'recipes', 'privacy', file);

describe('homelane compile / decompile / validate', () => {
  it("compiles Homelane's privacy recipe to YAML that validates, and merges it into a base", async () => {
    const out = join(temp.dir, 'routing.yaml');
    const compiled = await runHomelane(['compile', own('recipe.dsl'), '-o', out]);
    expect(compiled.code, compiled.stderr).toBe(0);
    const yaml = parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(yaml)).toEqual(['version', 'routing']);
    expect(await runHomelane(['validate', out])).toMatchObject({ code: 0 });

    const merged = join(temp.dir, 'merged.yaml');
    const withBase = await runHomelane([
      'compile',
      own('recipe.dsl'),
      '--base',
      own('config.yaml'),
      '-o',
      merged,
    ]);
    expect(withBase.code, withBase.stderr).toBe(0);
    const base = parse(readFileSync(own('config.yaml'), 'utf8')) as Record<string, unknown>;
    const after = parse(readFileSync(merged, 'utf8')) as Record<string, unknown>;
    expect(after.providers).toEqual(base.providers);
    expect(after.global).toEqual(base.global);
    const validated = await runHomelane(['validate', merged]);
    expect(validated.code, validated.stderr).toBe(0);
  });

  it('validates a DSL file and prints each problem with file:line:col, exiting 1', async () => {
    const file = join(temp.dir, 'broken.dsl');
    writeFileSync(
      file,
      'SIGNAL keyword urgent { operator: "OR" keywords: ["asap"] }\nROUTE r {\n  PRIORTY 10\n  WHEN keyword("urgnt")\n  MODEL m\n}\n',
    );
    const result = await runHomelane(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${file}:3:3: error [syntax_error] expected a route item (PRIORITY, TIER, WHEN, MODEL, ALGORITHM, PLUGIN, DESCRIPTION, FOR, EMIT), found "PRIORTY"; did you mean "PRIORITY"? (fix: Replace with PRIORITY)`,
    );
    expect(result.stderr).toContain(`${file}: 1 error, 0 constraints, 1 warning`);
    const compile = await runHomelane(['compile', file, '-o', join(temp.dir, 'never.yaml')]);
    expect(compile.code).toBe(1);
    expect(compile.stderr).toContain('nothing written');
  });

  it('runs TEST blocks through the real router and routes with a DSL policy', async () => {
    const file = join(temp.dir, 'tests.dsl');
    writeFileSync(
      file,
      [
        'SIGNAL keyword private_markers { operator: "OR" keywords: ["internal only"] }',
        'SIGNAL keyword hard_markers { operator: "OR" keywords: ["prove"] }',
        'ROUTE private_work { PRIORITY 200 WHEN keyword("private_markers") MODEL "local/small" }',
        'ROUTE hard { PRIORITY 100 WHEN keyword("hard_markers") AND NOT keyword("private_markers") MODEL "cloud/big" }',
        'ROUTE everyday { PRIORITY 10 MODEL "local/small" }',
        'TEST routing {',
        '  "internal only: prove the bound" -> private_work',
        '  "Prove that two odd numbers sum to an even one" -> hard',
        '  "Name a cat" -> hard',
        '}',
      ].join('\n'),
    );
    const result = await runHomelane(['validate', file, '--run-tests', '--lite']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `PASS ${file}:7:3 TEST routing: "internal only: prove the bound" -> private_work`,
    );
    expect(result.stdout).toContain(
      `FAIL ${file}:9:3 TEST routing: "Name a cat" -> hard, got everyday`,
    );
    expect(result.stdout).toContain('2 passed, 1 failed, 0 not run');

    const routed = await runHomelane([
      'route',
      '-c',
      file,
      '--lite',
      '--json',
      'internal only, please',
    ]);
    expect(routed.code, routed.stderr).toBe(0);
    expect(JSON.parse(routed.stdout)).toMatchObject({ decision: 'private_work' });
  });

  it.skipIf(!HAS_SHARED)(
    "decompiles upstream's balance config to exactly its recipe.dsl",
    async () => {
      const result = await runHomelane(['decompile', sharedPath('balance/config.yaml')]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(readFileSync(sharedPath('balance/recipe.dsl'), 'utf8'));
    },
  );
  if (!HAS_SHARED) it.skip(`upstream balance decompile: ${SHARED_MISSING_REASON}`, () => {});

  it('refuses to decompile a YAML file with errors, saying where', async () => {
    const file = join(temp.dir, 'bad.yaml');
    writeFileSync(
      file,
      'version: v0.3\nrouting:\n  decisions:\n    - name: x\n      priority: high\n',
    );
    const result = await runHomelane(['decompile', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.yaml:5:\d+: error \[schema\]/);
    expect(result.stdout).toBe('');
  });
});
