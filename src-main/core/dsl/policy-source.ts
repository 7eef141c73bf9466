import { parse } from 'yaml';
import type { Diagnostic } from '../config/diagnostics';
import { loadConfigText, readSourceText } from '../config/load';
import type { RawConfig } from '../config/schema/config';
import { ConfigSchema } from '../config/schema/config';

// A policy file is either DSL or YAML; these read one and say which.

export type PolicyFormat = 'dsl' | 'yaml';

/** `.dsl` files are DSL, `.yaml`/`.yml` YAML; anything else is told apart by its first word. */
export function policyFormat(file: string, text: string): PolicyFormat {
  if (/\.dsl$/i.test(file)) return 'dsl';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  const first = /^(?:\s|#[^\n]*\n)*([A-Z_]+)\b/.exec(text)?.[1];
  return first &&
    /^(SIGNAL|ROUTE|PROJECTION|MODEL|PLUGIN|ROUTING|ENTRYPOINT|RECIPE|DECISION_TREE|TEST)$/.test(
      first,
    )
    ? 'dsl'
    : 'yaml';
}

/** A policy file's text (DSL or YAML), or why it cannot be read. */
export const readPolicyText = (file: string) => readSourceText(file);

/** A YAML config as written (not normalised), once every check passes. */
export function readRawConfig(
  text: string,
  file: string,
): { raw?: RawConfig; diagnostics: Diagnostic[] } {
  const loaded = loadConfigText(text, file);
  if (!loaded.config) return { diagnostics: loaded.diagnostics };
  return { raw: ConfigSchema.parse(parse(text)), diagnostics: loaded.diagnostics };
}
