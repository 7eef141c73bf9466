import { readFile } from 'node:fs/promises';
import { DiagnosticSink, byPosition, hasErrors } from './diagnostics';
import type { Diagnostic, KeyPath } from './diagnostics';
import { normalizeConfig } from './normalize';
import type { RouterConfig } from './router-config';
import { ConfigSchema } from './schema/config';
import type { RawConfig } from './schema/config';
import { reportSchemaIssues } from './schema-issues';
import { findUnknownKeys } from './unknown-keys';
import { validateCompilation } from './validate/compile';
import { validateDecisions } from './validate/decisions';
import { validateModels } from './validate/models';
import { rawProfiles } from './validate/profiles';
import { validateProjections } from './validate/projections';
import { validateRecipes } from './validate/recipes';
import { validateSignals } from './validate/signals';
import { parseYamlSource } from './yaml-source';

export const SUPPORTED_VERSIONS = new Set(['v0.3']);

export interface LoadResult {
  /** Present when there are no errors (warnings allowed). */
  config?: RouterConfig;
  /** The config as written (schema-checked, not normalised), with `config`. */
  raw?: RawConfig;
  /** Every problem found, errors and warnings, each located. */
  diagnostics: Diagnostic[];
}

/**
 * Parses and checks a v0.3 config: YAML syntax, the schema, unknown keys
 * (kept, warned), then every semantic rule. All problems are returned
 * together; nothing throws.
 */
export function loadConfigText(text: string, file = '<config>'): LoadResult {
  const source = parseYamlSource(text, file);
  if (source.errors.length > 0) return { diagnostics: source.errors };
  return checkConfigValue(source.value, file, source.locate);
}

/**
 * Every check of `loadConfigText` on an already-parsed value; `locate` places
 * a key path in whatever text the value came from (YAML, or DSL through its
 * source map).
 */
export function checkConfigValue(
  value: unknown,
  file: string,
  locate: (path: KeyPath) => { line: number; column: number } | undefined,
): LoadResult {
  const sink = new DiagnosticSink(file, locate);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    sink.error('schema', [], 'a config is a YAML mapping with `providers` and `routing` (v0.3)');
    return { diagnostics: sink.items };
  }
  if (!('routing' in value) && !('global' in value)) {
    sink.error(
      'not_canonical',
      [],
      'this is not a v0.3 config: it has neither a `routing` nor a `global` section',
    );
    return { diagnostics: sink.items };
  }
  const parsed = ConfigSchema.safeParse(value, { reportInput: true });
  for (const path of findUnknownKeys(ConfigSchema, value)) {
    sink.warn(
      'unknown_key',
      path,
      `unknown key "${String(path[path.length - 1])}" is kept but not used`,
    );
  }
  if (!parsed.success) {
    reportSchemaIssues(parsed.error, sink);
    return { diagnostics: sink.items };
  }
  const raw = parsed.data;
  if (raw.version === undefined)
    sink.warn('missing_version', [], 'no `version`; reading it as v0.3');
  else if (!SUPPORTED_VERSIONS.has(raw.version))
    sink.warn(
      'unsupported_version',
      ['version'],
      `version "${raw.version}" is not v0.3; reading it as v0.3`,
    );

  validateModels(raw, sink);
  validateRecipes(raw, sink);
  for (const profile of rawProfiles(raw)) {
    validateSignals(profile, sink);
    const outputs = validateProjections(profile, sink);
    validateDecisions(profile, outputs, sink);
    validateCompilation(raw, profile, sink);
  }
  const diagnostics = byPosition(sink.items);
  if (hasErrors(diagnostics)) return { diagnostics };
  return { config: normalizeConfig(raw, file), raw, diagnostics };
}

export async function loadConfigFile(path: string): Promise<LoadResult> {
  const read = await readSourceText(path, 'the config');
  return read.text === undefined
    ? { diagnostics: read.diagnostics }
    : loadConfigText(read.text, path);
}

/** A policy file's text, or a located `file_unreadable` problem saying why not. */
export async function readSourceText(
  path: string,
  what = 'the file',
): Promise<{ text?: string; diagnostics: Diagnostic[] }> {
  try {
    return { text: await readFile(path, 'utf8'), diagnostics: [] };
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message;
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'file_unreadable',
          message: `cannot read ${what}: ${reason}`,
          file: path,
          path: '(document)',
        },
      ],
    };
  }
}
