import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfigText } from '../../../src-main/core/config/load';
import { ConfigSchema } from '../../../src-main/core/config/schema/config';
import { compileDsl } from '../../../src-main/core/dsl/compile-dsl';
import { decompileConfig } from '../../../src-main/core/dsl/decompile/decompile';
import { mergeIntoBase } from '../../../src-main/core/dsl/emit-yaml';
import { HAS_SHARED, SHARED_MISSING_REASON, readShared } from '../../support/shared-recipes';
import { withLoaderDefaults } from './routing-data';

// Upstream's maintained-recipe contract, both directions, on upstream's own
// balance and privacy recipes: decompile(config.yaml) is recipe.dsl, and
// compile(recipe.dsl) is config.yaml's routing as data.

const normalise = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();

if (!HAS_SHARED) console.warn(`recipes-roundtrip: ${SHARED_MISSING_REASON}`);

describe.skipIf(!HAS_SHARED).each(['balance', 'privacy'])('upstream %s recipe', (recipe) => {
  const dsl = () => readShared(`${recipe}/recipe.dsl`);
  const yaml = () => readShared(`${recipe}/config.yaml`);

  it('decompiles config.yaml to exactly recipe.dsl', () => {
    const raw = ConfigSchema.parse(parse(yaml()));
    const printed = decompileConfig(raw);
    expect(normalise(printed)).toBe(normalise(dsl()));
    expect(printed).toBe(dsl());
  });

  it('compiles recipe.dsl with no diagnostic to the routing of config.yaml, as data', () => {
    const result = compileDsl(dsl(), `${recipe}/recipe.dsl`);
    expect(result.diagnostics).toEqual([]);
    const expected = parse(yaml()) as { routing: Record<string, unknown> };
    expect(withLoaderDefaults(result.sections!.routing)).toEqual(
      withLoaderDefaults(expected.routing),
    );
  });

  it('is a fixed point: decompile(compile(recipe.dsl)) is recipe.dsl', () => {
    const result = compileDsl(dsl());
    const raw = ConfigSchema.parse({ version: 'v0.3', ...result.sections });
    expect(decompileConfig(raw)).toBe(dsl());
  });

  it('merges into config.yaml keeping everything the DSL does not own', () => {
    const result = compileDsl(dsl());
    const merged = mergeIntoBase(result.sections!, yaml(), 'config.yaml');
    expect(merged.diagnostics).toEqual([]);
    const before = parse(yaml()) as Record<string, unknown>;
    const after = parse(merged.yaml!) as Record<string, unknown>;
    for (const key of ['version', 'listeners', 'providers', 'global'])
      expect(after[key], key).toEqual(before[key]);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    const loaded = loadConfigText(merged.yaml!, 'merged.yaml');
    expect(loaded.config).toBeDefined();
    expect(decompileConfig(ConfigSchema.parse(after))).toBe(dsl());
  });
});

describe("Homelane's own privacy recipe", () => {
  const read = (file: string) =>
    readFileSync(new URL(`../../../recipes/privacy/${file}`, import.meta.url), 'utf8');

  it('compiles recipe.dsl to the routing of config.yaml, as data', () => {
    const result = compileDsl(read('recipe.dsl'), 'recipes/privacy/recipe.dsl');
    expect(result.diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
    const expected = parse(read('config.yaml')) as { routing: Record<string, unknown> };
    expect(withLoaderDefaults(result.sections!.routing)).toEqual(
      withLoaderDefaults(expected.routing),
    );
  });

  it('prints config.yaml as DSL that compiles back to the same routing', () => {
    const raw = ConfigSchema.parse(parse(read('config.yaml')));
    const again = compileDsl(decompileConfig(raw));
    expect(again.diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
    expect(withLoaderDefaults(again.sections!.routing)).toEqual(
      withLoaderDefaults(
        (parse(read('config.yaml')) as { routing: Record<string, unknown> }).routing,
      ),
    );
  });
});
