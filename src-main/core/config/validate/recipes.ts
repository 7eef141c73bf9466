import type { DiagnosticSink } from '../diagnostics';
import { LOOPER_SLUGS, effectiveAutoModelNames, hasProfileContent } from '../normalize';
import type { RawConfig } from '../schema/config';

/** Reference §1.5: recipes and entrypoints. */
export function validateRecipes(raw: RawConfig, sink: DiagnosticSink): void {
  const names = new Set<string>();
  (raw.recipes ?? []).forEach((recipe, index) => {
    const path = ['recipes', index, 'name'];
    if (names.has(recipe.name))
      sink.error('duplicate_name', path, `recipe "${recipe.name}" is declared twice`);
    names.add(recipe.name);
    if (recipe.name === 'default' && hasProfileContent(raw.routing)) {
      sink.error(
        'invalid_value',
        path,
        'a recipe named "default" is only allowed when the top-level routing has no signals, projections or decisions',
      );
    }
    const routing = recipe.routing as Record<string, unknown> | undefined;
    if (routing && 'modelCards' in routing) {
      sink.error(
        'invalid_value',
        ['recipes', index, 'routing', 'modelCards'],
        'model cards belong to the top-level routing block, not to a recipe',
      );
    }
  });
  const router = raw.global?.router;
  const reserved = new Map<string, string>();
  for (const name of effectiveAutoModelNames(router?.auto_model_names, router?.auto_model_name))
    reserved.set(name, 'an auto model name');
  for (const slug of LOOPER_SLUGS) reserved.set(slug, 'a looper slug');
  for (const card of raw.routing?.modelCards ?? []) {
    reserved.set(card.name, 'a model card');
    for (const lora of card.loras ?? [])
      if (typeof lora === 'string') reserved.set(lora, 'a LoRA name');
  }
  const seen = new Set<string>();
  (raw.entrypoints ?? []).forEach((entry, index) => {
    if (entry.recipe !== 'default' && !names.has(entry.recipe)) {
      sink.error(
        'unknown_recipe',
        ['entrypoints', index, 'recipe'],
        `entrypoint recipe "${entry.recipe}" is not declared in recipes`,
      );
    }
    entry.model_names.forEach((name, n) => {
      const path = ['entrypoints', index, 'model_names', n];
      const clash = reserved.get(name);
      // Binding an auto name to the default recipe restates what it already does.
      const restatesAuto = clash === 'an auto model name' && entry.recipe === 'default';
      if (clash && !restatesAuto) {
        sink.error('name_collision', path, `entrypoint name "${name}" is already ${clash}`);
      }
      if (seen.has(name))
        sink.error('duplicate_name', path, `entrypoint name "${name}" is used twice`);
      seen.add(name);
    });
  });
}
