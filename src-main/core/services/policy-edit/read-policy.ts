import type { PolicyActive, PolicyCompile, PolicyDecompile } from '../../../contract/policy-edit';
import { loadConfigText } from '../../config/load';
import type { ServiceContext } from '../context';
import { toPolicyDiagnostic } from '../policy-service';
import { editedDiagnostics, errorCountOf, printDsl } from './edited-diagnostics';
import { EDITED_YAML_FILE, activePolicyText, resolveEditedPolicy } from './edited-policy';
import { activeVersion, storeOf } from './policy-versions';

// `policy.active`, `policy.compile` and `policy.decompile`: the policy in
// force in both forms, and each form converted to the other. Nothing is
// applied.

export async function policyActive(ctx: ServiceContext): Promise<PolicyActive> {
  const { version, text } = await activeVersion(ctx, storeOf(ctx));
  const printed = printDsl(ctx.routing?.profile.config.raw);
  return {
    profile: { name: version.name, source: version.source },
    yaml: text,
    dsl: printed.dsl,
    dslProblems: printed.problems,
    appliedAt: version.appliedAt,
  };
}

/** DSL → the whole config it would become, merged into the YAML in force. */
export function compilePolicy(ctx: ServiceContext, input: { source: string }): PolicyCompile {
  const edited = resolveEditedPolicy(input.source, 'dsl', activePolicyText(ctx.routing));
  const diagnostics = editedDiagnostics(edited.diagnostics, 'dsl');
  const errorCount = errorCountOf(diagnostics);
  return { yaml: errorCount === 0 ? (edited.yaml ?? null) : null, diagnostics, errorCount };
}

/** YAML → DSL; the YAML's problems located in it. */
export function decompilePolicy(input: { yaml: string }): PolicyDecompile {
  const loaded = loadConfigText(input.yaml, EDITED_YAML_FILE);
  const diagnostics = loaded.diagnostics.map(toPolicyDiagnostic);
  if (errorCountOf(diagnostics) > 0)
    return { dsl: null, diagnostics, errorCount: errorCountOf(diagnostics) };
  const printed = printDsl(loaded.raw);
  for (const problem of printed.problems)
    diagnostics.push({
      severity: 'error',
      code: 'not_printable',
      message: problem,
      line: 1,
      column: 1,
    });
  return { dsl: printed.dsl, diagnostics, errorCount: errorCountOf(diagnostics) };
}
