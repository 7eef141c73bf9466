import type { Decision, Plugin } from '../../config/schema/decisions';
import { canonicalPluginType as knownPluginType } from '../../decisions/plugin-types';
import { PLUGIN_FIELDS } from '../field-order';
import {
  compareText,
  fieldLine,
  isPlainObject,
  layoutEntries,
  printValue,
  quoteName,
} from './print-value';

// Plugins (upstream DSL §4.5, §7): every plugin type used two or more times
// in a profile gets an empty template line `PLUGIN <type> <type> {}`, and each
// route writes its plugins in full, fields one per line.

/** The canonical spelling of a plugin type (`semantic-cache` → `response_cache`, `-` → `_`). */
export function canonicalPluginType(type: string): string {
  return knownPluginType(type) ?? type.replaceAll('-', '_');
}

/** Template lines for the plugin types the decisions use at least twice, sorted by type. */
export function printPluginTemplates(decisions: readonly Decision[]): string {
  const uses = new Map<string, number>();
  for (const decision of decisions) {
    for (const plugin of decision.plugins ?? []) {
      const type = canonicalPluginType(plugin.type);
      uses.set(type, (uses.get(type) ?? 0) + 1);
    }
  }
  return [...uses]
    .filter(([, count]) => count >= 2)
    .map(([type]) => type)
    .sort(compareText)
    .map((type) => `PLUGIN ${quoteName(type)} ${quoteName(type)} {}\n\n`)
    .join('');
}

/** A route's `PLUGIN <type> { … }` item (bare `PLUGIN <type>` when it has no settings). */
export function printPluginRef(plugin: Plugin): string {
  const type = canonicalPluginType(plugin.type);
  const configuration: unknown = plugin.configuration;
  const entries = isPlainObject(configuration)
    ? layoutEntries(configuration, { order: PLUGIN_FIELDS[type] ?? [], skip: 'empty' })
    : [];
  if (entries.length === 0) return `  PLUGIN ${quoteName(type)}\n`;
  const lines = entries.map(([key, value]) => fieldLine('    ', key, printValue(value))).join('');
  return `  PLUGIN ${quoteName(type)} {\n${lines}  }\n`;
}
