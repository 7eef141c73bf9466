import type { RawConfig } from '../../config/schema/config';
import { catalogOf, collectModelCards } from './print-models';
import { printEntrypoints, printProfile, printRecipe } from './print-scopes';

// The decompiler (upstream DSL §7): a generator that prints the DSL-owned part
// of a v0.3 config — `routing`, `entrypoints`, `recipes` — as canonical DSL
// text. It is not a pretty-printer of any source: comments and layout come
// from here alone. `version`, `listeners`, `providers` and `global` never
// reach the output.

/** Prints the DSL-owned part of a config (routing, entrypoints, recipes) as canonical DSL text, ending in exactly one newline. */
export function decompileConfig(config: RawConfig): string {
  const cards = collectModelCards(config);
  const catalog = catalogOf(cards);
  let out = printProfile(config.routing ?? {}, catalog, cards);
  if (config.entrypoints && config.entrypoints.length > 0)
    out += printEntrypoints(config.entrypoints);
  for (const recipe of config.recipes ?? []) out += printRecipe(recipe, catalog);
  return `${out.replace(/\n+$/, '')}\n`;
}
