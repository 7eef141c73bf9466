import { FileCode2, FileDown, RefreshCw } from 'lucide-react';
import { useClient } from '../../api/client-context';
import { FormMessage } from '../../components/FormMessage';
import { downloadText } from './download';
import { useExportStore } from './export-store';
import { exportSubjectOf } from './export-subject';
import { plural } from './policy-format';
import { usePolicyStore } from './policy-store';

/** A clean v0.3 config (and its DSL) for upstream, and the Homelane-only keys it leaves out. */
export function ExportPanel() {
  const client = useClient();
  const state = useExportStore((s) => s.state);
  const subject = useExportStore((s) => s.subject);
  const again = () =>
    void useExportStore.getState().run(client, exportSubjectOf(usePolicyStore.getState()));

  return (
    <div className="policy-panel" data-testid="policy-export-panel">
      <div className="policy-panel__head">
        <p className="policy-panel__lead">
          {state.status === 'done'
            ? subject === 'edit'
              ? 'Exported the edited policy (not applied).'
              : 'Exported the policy in force.'
            : state.status === 'loading'
              ? 'Exporting…'
              : 'A v0.3 config upstream reads, without Homelane’s own keys.'}{' '}
          <span className="muted">
            An edit is exported when it differs from the policy in force and has no errors.
          </span>
        </p>
        <button
          type="button"
          className="lanes-button lanes-button--small"
          disabled={state.status === 'loading'}
          onClick={again}
        >
          <RefreshCw size={13} aria-hidden="true" /> Export again
        </button>
      </div>
      {state.status === 'error' ? (
        <FormMessage tone="error">Could not export: {state.error.message}</FormMessage>
      ) : null}
      {state.status === 'done' ? (
        <>
          <div className="button-row">
            <button
              type="button"
              className="lanes-button lanes-button--primary"
              data-testid="policy-export-yaml"
              onClick={() => downloadText('config.yaml', state.data.yaml, 'application/yaml')}
            >
              <FileDown size={14} aria-hidden="true" /> Download config.yaml
            </button>
            <button
              type="button"
              className="lanes-button"
              data-testid="policy-export-dsl"
              disabled={state.data.dsl === null}
              title={state.data.dsl === null ? 'This policy cannot be printed as DSL.' : undefined}
              onClick={() => {
                if (state.data.dsl !== null)
                  downloadText('recipe.dsl', state.data.dsl, 'text/plain');
              }}
            >
              <FileCode2 size={14} aria-hidden="true" /> Download recipe.dsl
            </button>
          </div>
          {state.data.removed.length === 0 ? (
            <p className="muted" data-testid="policy-export-removed" data-count={0}>
              Nothing Homelane-only to remove: the config is upstream’s as it is.
            </p>
          ) : (
            <div data-testid="policy-export-removed" data-count={state.data.removed.length}>
              <h3 className="policy-panel__title">
                Removed {plural(state.data.removed.length, 'Homelane-only key')}
              </h3>
              <ul className="policy-export__removed">
                {state.data.removed.map((path) => (
                  <li key={path}>
                    <code>{path}</code>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      ) : null}
    </div>
  );
}
