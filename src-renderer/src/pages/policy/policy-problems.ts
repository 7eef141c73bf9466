import type { ApiErrorData, PolicyDiagnostic } from '../../../../src-main/contract';
import { editedOf } from './policy-store';
import type { PolicyEditorState } from './policy-store';

// The problems of the edited side, from the freshest answer that is about
// the text on screen: the conversion (it checks the whole policy it would
// become), else the DSL editor's live check while the conversion is on its way.

export interface EditedProblems {
  /** Null while nothing has answered for the text on screen yet. */
  diagnostics: PolicyDiagnostic[] | null;
  /** The conversion has not answered for the text on screen. */
  converting: boolean;
  /** Why the core could not convert the edit, when it could not. */
  convertError: ApiErrorData | null;
}

export function editedProblems(state: PolicyEditorState): EditedProblems {
  const { text } = editedOf(state);
  const { conversion: convert } = state;
  if (convert.status === 'done' && convert.text === text) {
    return { diagnostics: convert.diagnostics, converting: false, convertError: null };
  }
  const convertError = convert.status === 'failed' && convert.text === text ? convert.error : null;
  const converting = convertError === null;
  if (state.source === 'dsl' && state.check?.ok) {
    return { diagnostics: state.check.check.diagnostics, converting, convertError };
  }
  return { diagnostics: null, converting, convertError };
}
