import type { Entrypoint, Recipe, RecipeProfile } from '../../config/schema/config';
import { ENTRYPOINT_FIELDS } from '../field-order';
import { banner, block, indentLines } from './layout';
import type { BlockField } from './layout';
import type { ModelCatalog } from './print-models';
import { printModels } from './print-models';
import { printPluginTemplates } from './print-plugins';
import { printProjections } from './print-projections';
import { printRoutes } from './print-routes';
import { printSignals } from './print-signals';
import type { PlainObject } from './print-value';
import { layoutEntries, printValue, quoteName, quoteString } from './print-value';

// Routing profiles (the top-level one and each RECIPE's), ENTRYPOINT blocks
// and RECIPE wrappers (upstream DSL §4.1, §4.8, §7).

/** The implicit recipe of the top-level profile; upstream never prints it as a RECIPE. */
const DEFAULT_RECIPE = 'default';

/**
 * One profile: ROUTING PROFILE (when a strategy is set), SIGNALS, MODELS
 * (top level only, when there are any), PLUGINS (when a plugin type repeats),
 * ROUTES. The SIGNALS and ROUTES banners are always written.
 */
export function printProfile(
  profile: RecipeProfile,
  catalog: ModelCatalog,
  models: readonly PlainObject[] = [],
): string {
  let out = '';
  if (profile.strategy) {
    out += `${banner('ROUTING PROFILE')}ROUTING {\n  strategy: ${quoteName(profile.strategy)}\n}\n\n`;
  }
  out += banner('SIGNALS') + printSignals(profile.signals) + printProjections(profile.projections);
  if (models.length > 0) out += banner('MODELS') + printModels(models);
  const decisions = profile.decisions ?? [];
  const templates = printPluginTemplates(decisions);
  if (templates) out += banner('PLUGINS') + templates;
  return out + banner('ROUTES') + printRoutes(decisions, catalog);
}

export function printEntrypoints(entrypoints: readonly Entrypoint[]): string {
  const blocks = entrypoints.map((entrypoint) => {
    const fields = layoutEntries(entrypoint, { order: ENTRYPOINT_FIELDS, extras: false }).map(
      ([key, value]): BlockField => [key, printValue(value)],
    );
    return block('ENTRYPOINT', fields);
  });
  return banner('ENTRYPOINTS') + blocks.join('');
}

/** A named recipe: its banner, then `RECIPE <name> (description = "…") {` and its indented profile. */
export function printRecipe(recipe: Recipe, catalog: ModelCatalog): string {
  if (recipe.name === DEFAULT_RECIPE) return '';
  const options = recipe.description ? ` (description = ${quoteString(recipe.description)})` : '';
  const body = printProfile(recipe.routing ?? {}, catalog);
  return (
    banner(`RECIPE ${recipe.name.replace(/[\r\n]+/g, ' ')}`) +
    `RECIPE ${quoteName(recipe.name)}${options} {\n${indentLines(body, '  ')}}\n\n`
  );
}
