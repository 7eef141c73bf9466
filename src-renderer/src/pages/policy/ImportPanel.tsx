import { FileUp, Globe } from 'lucide-react';
import type { ChangeEvent, FormEvent } from 'react';
import { useClient } from '../../api/client-context';
import { FormMessage } from '../../components/FormMessage';
import { Segmented } from '../../components/Segmented';
import type { SegmentedOption } from '../../components/Segmented';
import { ImportCandidateView } from './ImportCandidateView';
import { useImportStore } from './import-store';
import type { ImportMode } from './import-store';

const MODES: SegmentedOption<ImportMode>[] = [
  { id: 'file', label: 'A file', icon: FileUp },
  { id: 'url', label: 'A URL', icon: Globe },
];

/** Reads a policy from a file or a URL; it replaces the edit only when loaded. */
export function ImportPanel() {
  const client = useClient();
  const mode = useImportStore((s) => s.mode);
  const url = useImportStore((s) => s.url);
  const state = useImportStore((s) => s.state);
  const { setMode, setUrl } = useImportStore.getState();

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) void useImportStore.getState().readFile(client, file);
  };
  const onFetch = (event: FormEvent) => {
    event.preventDefault();
    void useImportStore.getState().fetchUrl(client);
  };

  return (
    <div className="policy-panel" data-testid="policy-import-panel">
      <p className="policy-panel__lead">
        A <code>.dsl</code> file goes into the DSL editor; a YAML config (<code>.yaml</code>,{' '}
        <code>.yml</code>) into the YAML side. Nothing is applied until you apply it.
      </p>
      <div className="policy-import__source">
        <Segmented
          label="Where the policy comes from"
          options={MODES}
          value={mode}
          onChange={setMode}
        />
        {mode === 'file' ? (
          <label className="field">
            <span className="field__label">A policy file (.dsl, .yaml or .yml; at most 5 MB)</span>
            <input
              type="file"
              accept=".dsl,.yaml,.yml"
              data-testid="policy-import-file"
              onChange={onFile}
            />
          </label>
        ) : (
          <form className="policy-import__url" onSubmit={onFetch}>
            <label className="field policy-grow">
              <span className="field__label">The raw URL of a config or a .dsl file</span>
              <input
                type="url"
                className="input"
                value={url}
                placeholder="https://…/config.yaml"
                data-testid="policy-import-url"
                onChange={(event) => setUrl(event.target.value)}
              />
            </label>
            <button
              type="submit"
              className="lanes-button"
              disabled={state.status === 'loading' || url.trim() === ''}
            >
              <Globe size={14} aria-hidden="true" />
              {state.status === 'loading' ? 'Fetching…' : 'Fetch'}
            </button>
          </form>
        )}
      </div>
      {state.status === 'loading' && mode === 'file' ? <p className="muted">Reading…</p> : null}
      {state.status === 'error' ? (
        <FormMessage tone="error" testId="policy-import-error">
          {state.error.message}
        </FormMessage>
      ) : null}
      {state.status === 'done' ? <ImportCandidateView candidate={state.data} /> : null}
    </div>
  );
}
