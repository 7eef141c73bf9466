import type { PolicyFormat } from '../../../../src-main/contract';
import { countProblems } from './policy-format';
import { editedProblems } from './policy-problems';
import { editedOf, isDirty } from './policy-store';
import type { PolicyEditorState } from './policy-store';

/** The edit when it differs from the policy in force and has no errors; else null (the policy in force). */
export function exportSubjectOf(
  state: PolicyEditorState,
): { text: string; format: PolicyFormat } | null {
  if (!isDirty(state)) return null;
  const { diagnostics } = editedProblems(state);
  if (!diagnostics || countProblems(diagnostics).errors > 0) return null;
  const edited = editedOf(state);
  return edited.text.trim() === '' ? null : edited;
}
