import { FormMessage } from '../../components/FormMessage';
import { PolicyEditors } from './PolicyEditors';
import { PolicyTools } from './PolicyTools';
import { PolicyToolbar } from './PolicyToolbar';
import { ProblemList } from './ProblemList';
import { usePolicyStore } from './policy-store';

/** The loaded policy: toolbar and status, the two editors, their problems, the tools below. */
export function PolicyWorkspace() {
  const notice = usePolicyStore((s) => s.notice);
  return (
    <div className="stack">
      <PolicyToolbar />
      {notice ? (
        <FormMessage tone="ok" testId="policy-notice">
          {notice}
        </FormMessage>
      ) : null}
      <PolicyEditors />
      <ProblemList />
      <PolicyTools />
    </div>
  );
}
