import type { EditedPolicyInput, PolicyDiff } from '../../../contract/policy-edit';
import type { ServiceContext } from '../context';
import { editedDiagnostics, errorCountOf } from './edited-diagnostics';
import { activePolicyText, resolveEditedPolicy } from './edited-policy';
import { unifiedDiff } from './line-diff';
import { decisionChanges, sameRouting } from './routing-changes';

// `policy.diff`: an edit (DSL merged into the YAML in force, or YAML whole)
// compared with the policy in force: the text line by line, and what the
// router would read, decision by decision. Nothing is applied.

export const DIFF_NAMES = { from: 'a/active.yaml', to: 'b/edited.yaml' } as const;

export function diffPolicy(ctx: ServiceContext, input: EditedPolicyInput): PolicyDiff {
  const routing = ctx.routing;
  const activeText = activePolicyText(routing);
  const edited = resolveEditedPolicy(input.text, input.format, activeText);
  const diagnostics = editedDiagnostics(edited.diagnostics, input.format);
  const errorCount = errorCountOf(diagnostics);
  if (errorCount > 0 || edited.yaml === undefined || !edited.config || !routing) {
    return {
      changed: false,
      unified: '',
      added: 0,
      removed: 0,
      decisions: [],
      diagnostics,
      errorCount,
    };
  }
  const inForce = routing.profile.config;
  const text = unifiedDiff(activeText, edited.yaml, DIFF_NAMES);
  return {
    changed: !sameRouting(inForce, edited.config),
    unified: text.text,
    added: text.added,
    removed: text.removed,
    decisions: decisionChanges(inForce, edited.config),
    diagnostics,
    errorCount,
  };
}
