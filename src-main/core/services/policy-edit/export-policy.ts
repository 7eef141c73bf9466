import type { ParsedInput } from '../../../contract';
import type { PolicyExport } from '../../../contract/policy-edit';
import { exportForUpstream } from '../../config/export-upstream';
import type { ServiceContext } from '../context';
import { editedDiagnostics, invalidPolicy, printDsl } from './edited-diagnostics';
import { activePolicyText, resolveEditedPolicy } from './edited-policy';

// `policy.export`: the policy in force, or an edit of it, as upstream reads
// it — Homelane's extension keys removed, comments and order kept — and its
// routing as DSL. An edit with errors is refused; nothing is applied.

export function exportPolicy(
  ctx: ServiceContext,
  input: ParsedInput<'policy.export'>,
): PolicyExport {
  const activeText = activePolicyText(ctx.routing);
  let text = activeText;
  let raw = ctx.routing?.profile.config.raw;
  if ('text' in input) {
    const edited = resolveEditedPolicy(input.text, input.format, activeText);
    if (edited.yaml === undefined || !edited.config)
      throw invalidPolicy(
        editedDiagnostics(edited.diagnostics, input.format),
        'there is nothing to export',
      );
    text = edited.yaml;
    raw = edited.config.raw;
  }
  const clean = exportForUpstream(text);
  // The DSL holds no providers, so the config as loaded prints the same DSL as its clean copy.
  return { yaml: clean.text, dsl: printDsl(raw).dsl, removed: clean.removed };
}
