import { ApiError } from '../../../contract';
import type { Diagnostic } from '../../config/diagnostics';
import { hasErrors } from '../../config/diagnostics';
import { loadConfigText } from '../../config/load';
import type { RouterConfig } from '../../config/router-config';
import { compileDsl } from '../../dsl/compile-dsl';
import { mergeIntoBase } from '../../dsl/emit-yaml';
import type { RoutingRuntime } from '../routing-runtime';

// A policy being edited, in either form, as the whole config it would become
// if applied. DSL owns the routing sections only, so DSL text is compiled and
// merged into the YAML in force (its providers, listeners and global stay);
// YAML text is the whole config already. Every problem is located in the
// text that was edited.

export type EditedFormat = 'dsl' | 'yaml';

export const EDITED_DSL_FILE = 'policy.dsl';
export const EDITED_YAML_FILE = 'policy.yaml';

export interface EditedPolicy {
  /** The whole config as YAML; present when the edit compiled. */
  yaml?: string;
  /** Present when the edit compiled and every check passed. */
  config?: RouterConfig;
  diagnostics: Diagnostic[];
}

/** The YAML in force, as written. */
export function activePolicyText(routing: RoutingRuntime | null): string {
  const text = routing?.profile.text;
  if (text === undefined) {
    throw new ApiError(
      'unavailable',
      'No routing profile is loaded, so there is no policy to edit.',
    );
  }
  return text;
}

export function resolveEditedPolicy(
  text: string,
  format: EditedFormat,
  baseText: string,
): EditedPolicy {
  if (format === 'yaml') {
    const loaded = loadConfigText(text, EDITED_YAML_FILE);
    return {
      yaml: text,
      diagnostics: loaded.diagnostics,
      ...(loaded.config && !hasErrors(loaded.diagnostics) ? { config: loaded.config } : {}),
    };
  }
  const compiled = compileDsl(text, EDITED_DSL_FILE);
  if (!compiled.sections || hasErrors(compiled.diagnostics)) {
    return { diagnostics: compiled.diagnostics };
  }
  const merged = mergeIntoBase(compiled.sections, baseText, 'the profile in force');
  if (merged.yaml === undefined)
    return { diagnostics: [...compiled.diagnostics, ...merged.diagnostics] };
  // The merged text is checked whole: the DSL's routing against the base's providers.
  const loaded = loadConfigText(merged.yaml, EDITED_YAML_FILE);
  const diagnostics = [
    ...compiled.diagnostics,
    ...loaded.diagnostics.filter((d) => d.severity !== 'warning'),
  ];
  return {
    yaml: merged.yaml,
    diagnostics,
    ...(loaded.config && !hasErrors(diagnostics) ? { config: loaded.config } : {}),
  };
}
