import type { ProfileDiagnostic, ProfileSummary } from '../../../contract';
import type { Diagnostic } from '../../config/diagnostics';
import type { RouterConfig } from '../../config/router-config';

// What a person needs to see about a profile before applying it: its
// decisions and the models they pick, the signal families it listens to,
// the model aliases and the extra recipes — read from the loaded config.

export function summarizeProfile(config: RouterConfig): ProfileSummary {
  const main = config.profiles.get('default');
  const decisions = (main?.decisions ?? []).map((decision) => ({
    name: decision.name,
    priority: decision.priority ?? null,
    models: (decision.modelRefs ?? []).map((ref) => ref.model),
  }));
  const signals = Object.entries(main?.signals ?? {})
    .filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]) && entry[1].length > 0)
    .map(([type, rules]) => ({ type, count: rules.length }));
  return {
    version: config.version,
    decisions,
    signals,
    models: [...config.models.keys()],
    defaultModel: config.defaultModel ?? null,
    recipes: [...config.profiles.keys()].filter((name) => name !== 'default'),
  };
}

/** A loader diagnostic as the contract carries it (the file is the preview's source). */
export function toProfileDiagnostic(diagnostic: Diagnostic): ProfileDiagnostic {
  return {
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.fix
      ? `${diagnostic.message} (fix: ${diagnostic.fix.description})`
      : diagnostic.message,
    ...(diagnostic.line !== undefined ? { line: diagnostic.line } : {}),
    ...(diagnostic.column !== undefined ? { column: diagnostic.column } : {}),
    path: diagnostic.path,
  };
}
