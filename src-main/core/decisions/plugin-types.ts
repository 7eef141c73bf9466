// Upstream's decision plugin types (reference §4.6), named once: the config
// checks, the DSL compiler and the DSL printer all read this list.

export const PLUGIN_TYPES = [
  'fast_response',
  'hallucination',
  'header_mutation',
  'image_gen',
  'memory',
  'rag',
  'request_params',
  'context_compression',
  'response_jailbreak',
  'router_replay',
  'response_cache',
  'system_prompt',
  'tool_selection',
  'tools',
] as const;

/** Other names upstream accepts for a type (beyond hyphens for underscores). */
export const PLUGIN_ALIASES: Readonly<Record<string, string>> = {
  'semantic-cache': 'response_cache',
  semantic_cache: 'response_cache',
  'response-cache': 'response_cache',
};

const KNOWN: ReadonlySet<string> = new Set(PLUGIN_TYPES);

/** The type a written plugin name means (`system-prompt` → `system_prompt`), or undefined. */
export function canonicalPluginType(name: string): string | undefined {
  if (KNOWN.has(name)) return name;
  const alias = PLUGIN_ALIASES[name] ?? name.replaceAll('-', '_');
  return KNOWN.has(alias) ? alias : undefined;
}
