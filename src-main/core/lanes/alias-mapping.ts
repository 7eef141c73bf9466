// Which served model each alias stands for. A LAN server names its models its
// own way ("qwen/qwen3.5-rocm", "Qwen3.5-ROCm", "qwen3.5-rocm"), so after a
// probe Homelane proposes a mapping from the aliases the config uses to the
// ids the server lists, and checks a mapping against a fresh list.

export interface AliasMappingProblem {
  /** `empty_model`: no id given; `model_not_served`: the server does not list the id. */
  code: 'empty_model' | 'model_not_served';
  /** Where the problem is: the alias whose entry is wrong. */
  alias: string;
  modelId: string;
  message: string;
  /** The one served id that looks like the one meant, when there is exactly one. */
  suggestion?: string;
}

/** The part after the last `/`: "qwen/qwen3.5-rocm" → "qwen3.5-rocm". */
function lastSegment(name: string): string {
  const parts = name.split('/').filter((part) => part !== '');
  return parts[parts.length - 1] ?? name;
}

/** The only element, or undefined when there are none or several. */
function only(ids: readonly string[]): string | undefined {
  return ids.length === 1 ? ids[0] : undefined;
}

/**
 * The served id a name stands for: the same id, else the one id equal to it
 * ignoring case, else the one id whose last path segment equals the name's
 * (ignoring case). Undefined when nothing matches or a step is ambiguous:
 * a guess between two models is worse than asking.
 */
export function matchModelId(name: string, modelIds: readonly string[]): string | undefined {
  if (modelIds.includes(name)) return name;
  const lower = name.toLowerCase();
  const sameIgnoringCase = modelIds.filter((id) => id.toLowerCase() === lower);
  if (sameIgnoringCase.length > 0) return only(sameIgnoringCase);
  const segment = lastSegment(lower);
  return only(modelIds.filter((id) => lastSegment(id.toLowerCase()) === segment));
}

/** A proposed mapping; aliases without a clear match are left out. */
export function suggestAliasMapping(
  aliases: readonly string[],
  modelIds: readonly string[],
): Record<string, string> {
  const entries: [string, string][] = [];
  for (const alias of new Set(aliases)) {
    const id = matchModelId(alias, modelIds);
    if (id !== undefined) entries.push([alias, id]);
  }
  return Object.fromEntries(entries);
}

function servedList(modelIds: readonly string[]): string {
  if (modelIds.length === 0) return 'it serves no models';
  const shown = modelIds.slice(0, 5).map((id) => `"${id}"`);
  const more = modelIds.length > 5 ? ` and ${modelIds.length - 5} more` : '';
  return `it serves ${shown.join(', ')}${more}`;
}

/** Every entry whose model id the server does not serve, in the mapping's order. */
export function validateAliasMapping(
  mapping: Readonly<Record<string, string>>,
  modelIds: readonly string[],
): AliasMappingProblem[] {
  const problems: AliasMappingProblem[] = [];
  for (const [alias, modelId] of Object.entries(mapping)) {
    if (modelId.trim() === '') {
      problems.push({
        code: 'empty_model',
        alias,
        modelId,
        message: `Alias "${alias}" maps to no model; pick one the server serves (${servedList(modelIds)})`,
      });
      continue;
    }
    if (modelIds.includes(modelId)) continue;
    const suggestion = matchModelId(modelId, modelIds) ?? matchModelId(alias, modelIds);
    const problem: AliasMappingProblem = {
      code: 'model_not_served',
      alias,
      modelId,
      message: suggestion
        ? `Alias "${alias}" maps to "${modelId}", which the server does not serve; did you mean "${suggestion}"?`
        : `Alias "${alias}" maps to "${modelId}", which the server does not serve (${servedList(modelIds)})`,
    };
    if (suggestion) problem.suggestion = suggestion;
    problems.push(problem);
  }
  return problems;
}
