import { Download } from 'lucide-react';
import { countProblems, formatBytes, plural } from './policy-format';
import { useImportStore } from './import-store';
import type { ImportCandidate } from './import-store';
import { isDirty, usePolicyStore } from './policy-store';

const PROBLEMS_SHOWN = 8;

/** What was read, where it will go, its problems; and the button that loads it. */
export function ImportCandidateView({ candidate }: { candidate: ImportCandidate }) {
  const dirty = usePolicyStore(isDirty);
  const { format, from, bytes, preview } = candidate;
  const counts = preview ? countProblems(preview.diagnostics) : null;
  const load = () => {
    usePolicyStore.getState().importText(candidate.text, format, from);
    useImportStore.getState().clear();
  };
  return (
    <div className="policy-import__candidate" data-testid="policy-import-candidate">
      <p>
        <strong title={from}>{preview?.name ?? from}</strong>{' '}
        <span className="muted">
          · {formatBytes(bytes)} · goes into the {format === 'dsl' ? 'DSL editor' : 'YAML side'}
        </span>
      </p>
      {preview?.summary ? (
        <p className="muted">
          {plural(preview.summary.decisions.length, 'decision')},{' '}
          {plural(preview.summary.models.length, 'model')}
          {preview.summary.defaultModel ? `; default ${preview.summary.defaultModel}` : ''}.
        </p>
      ) : null}
      {format === 'dsl' ? (
        <p className="muted">The DSL editor checks it as soon as it holds it.</p>
      ) : null}
      {counts && counts.total > 0 ? (
        <>
          <p>
            {counts.errors > 0 ? (
              <span className="badge badge--invalid">{plural(counts.errors, 'error')}</span>
            ) : null}{' '}
            {counts.warnings > 0 ? (
              <span className="badge policy-badge--warn">{plural(counts.warnings, 'warning')}</span>
            ) : null}{' '}
            <span className="muted">You can load it and fix them in the editor.</span>
          </p>
          <ul className="policy-import__problems">
            {preview?.diagnostics.slice(0, PROBLEMS_SHOWN).map((d, index) => (
              <li key={index}>
                <span className="policy-problem__where">
                  {d.line === undefined ? d.path : `line ${d.line}`}
                </span>{' '}
                {d.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="lanes-button lanes-button--primary"
          data-testid="policy-import-load"
          onClick={load}
        >
          <Download size={14} aria-hidden="true" /> Load into the{' '}
          {format === 'dsl' ? 'DSL editor' : 'YAML side'}
        </button>
        {dirty ? <span className="field__hint">It replaces your unsaved edit.</span> : null}
      </div>
    </div>
  );
}
