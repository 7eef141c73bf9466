import type { Diagnostic } from '../config/diagnostics';
import type { LoadResult } from '../config/load';
import { loadConfigText, readSourceText } from '../config/load';
import type { RawConfig } from '../config/schema/config';
import { compileDsl } from './compile-dsl';
import type { DslTestCase } from './compile/compile-program';

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
  return loaded.raw
    ? { raw: loaded.raw, diagnostics: loaded.diagnostics }
    : { diagnostics: loaded.diagnostics };
}

export interface PolicyLoadResult extends LoadResult {
  format: PolicyFormat;
  /** A DSL file's TEST blocks (YAML has none). */
  tests: DslTestCase[];
}

/** Reads a policy in either form, DSL or YAML, with every problem located in its own text. */
export async function loadPolicyFile(file: string): Promise<PolicyLoadResult> {
  const read = await readPolicyText(file);
  if (read.text === undefined) return { format: 'yaml', tests: [], diagnostics: read.diagnostics };
  const format = policyFormat(file, read.text);
  if (format === 'yaml') return { format, tests: [], ...loadConfigText(read.text, file) };
  const compiled = compileDsl(read.text, file);
  return {
    format,
    tests: compiled.tests,
    diagnostics: compiled.diagnostics,
    ...(compiled.config ? { config: compiled.config } : {}),
  };
}
